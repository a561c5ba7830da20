import type zh from './zh-CN'

const en: typeof zh = {
  app: { title: 'Minqing reception console', short: 'Minqing' },
  common: {
    search: 'Search', reset: 'Reset', save: 'Save', cancel: 'Cancel', confirm: 'OK', close: 'Close', submit: 'Submit',
    edit: 'Edit', detail: 'Detail', actions: 'Actions', loading: 'Loading…', empty: 'No data', more: 'Load more',
    refresh: 'Refresh', print: 'Print', yes: 'Yes', no: 'No', status: 'Status', date: 'Date', reason: 'Reason', note: 'Note',
    all: 'All', required: 'Required', retry: 'Retry', back: 'Back', noMore: 'No more', language: 'Language',
  },
  menu: {
    home: 'Home', receptionDays: 'Reception days', myReceptionDays: 'My reception days', intake: 'Intake desk', cases: 'Cases',
    caseDetail: 'Case detail', referrals: 'Referrals', handling: 'Handling', supervision: 'Supervision', inbox: 'Messages',
  },
  auth: {
    signingIn: 'Signing in…', signOut: 'Sign out', forbidden: 'Your role may not use this page', notFound: 'Page not found',
    expired: 'Your session has expired. What you typed is kept; sign in again, then submit.', relogin: 'Sign in again',
    offline: 'The connection to the server is lost. What you typed is kept; submit again once it is back.', callbackFailed: 'Sign-in did not finish',
  },
  roles: {
    'district-staff': 'District staff', 'subdistrict-staff': 'Sub-district staff', 'community-staff': 'Community staff',
    representative: 'Representative', 'liaison-officer': 'Liaison officer', 'handling-unit': 'Handling unit', 'ops-admin': 'Operations',
  },
  home: { welcome: 'Hello, {name}', jurisdiction: 'Jurisdiction', roles: 'Roles', quick: 'Shortcuts' },
  channel: {
    RECEPTION_DAY: 'Reception day', LIAISON_OFFICER: 'Liaison officer', HOTLINE: 'Hotline', ONLINE: 'Online', REPRESENTATIVE_VISIT: 'Representative visit', OPEN311: 'Open311',
  },
  caseStatus: {
    RECORDED: 'Recorded', REFERRING: 'Being referred', REFERRED: 'Referred', IN_PROGRESS: 'Being handled', REPLIED: 'Replied',
    INFORMED: 'Visitor told; awaiting rating', CLOSED: 'Closed',
  },
  urgency: { NORMAL: 'Normal', URGENT: 'Urgent' },
  kind: { NPC_DEPUTY: 'NPC deputy', PARTY_DELEGATE: 'Party delegate', CPPCC_MEMBER: 'CPPCC member' },
  route: {
    COMMUNITY: 'Community handles it', SUBDISTRICT_DEPARTMENT: 'Sub-district department', REPRESENTATIVE_CONTACT: 'Representative contacts the unit',
    INTER_SESSION_SUGGESTION: 'Inter-session suggestion', SESSION_SUGGESTION: 'Congress session suggestion',
  },
  routeHint: {
    COMMUNITY: "Within the community's remit: the community office",
    SUBDISTRICT_DEPARTMENT: "Within the sub-district's remit: the department of that line",
    REPRESENTATIVE_CONTACT: 'Beyond the sub-district: a district or city unit, contacted by the representative',
    INTER_SESSION_SUGGESTION: 'Beyond the sub-district: a district or city unit, as an inter-session suggestion',
    SESSION_SUGGESTION: 'Broad and hard: a district or city unit, as a congress session suggestion',
  },
  tier: { COMMUNITY: 'Community', SUBDISTRICT: 'Sub-district', DISTRICT: 'District', CITY: 'City' },
  referralStatus: {
    TO_ROUTE: 'To route', REFERRED: 'Referred', RETURNED: 'Returned', ACCEPTED: 'Accepted', IN_PROGRESS: 'In progress',
    EXTENDED: 'Extended', REPLIED: 'Replied', RESIDENT_INFORMED: 'Visitor told', REOPENED: 'Reopened', CLOSED: 'Closed',
  },
  deadline: { onTime: 'On time', approaching: 'Approaching', overdue: 'Overdue', done: 'Done', none: '—', due: 'Due', left: '{n} working days left' },
  deadlineKind: { ACKNOWLEDGE: 'Acknowledge', RESOLVE: 'Resolve', ANSWER_SUGGESTION: 'Answer suggestion', RETURN: 'Return' },
  receipt: {
    code: 'Receipt code', malformed: 'The receipt code has 12 letters and digits (like ABCD-EFGH-JKMN)',
    checksum: 'The check symbol does not match: a character may be mistyped or two swapped',
    slipTitle: 'Reception receipt', keep: 'Keep this code private. Follow your case and rate the result with it, no login needed.',
    printSlip: 'Print receipt slip', reissue: 'Reissue receipt (new code)',
    reissueConfirm: 'A new receipt code will be issued and the old one stops working at once. Continue?',
    reissued: 'A new receipt code was issued', onlyOnce: 'The receipt code is shown only here: hand it to the visitor now.',
  },
  intake: {
    title: 'Intake desk', channel: 'Channel', receptionDay: 'Reception day', receivedOn: 'Received on', community: 'Community', line: 'Line',
    address: 'Place / address', description: 'Issue', households: 'Households', persons: 'Persons', groupPetition: 'Group petition',
    urgency: 'Urgency', visitors: 'Visitors', anonymous: 'Anonymous (no visitor recorded)', addVisitor: 'Add visitor',
    removeVisitor: 'Remove visitor {n}', visitorN: 'Visitor {n}', name: 'Name', phone: 'Mobile', idNumber: 'ID number', email: 'E-mail',
    representatives: 'Receiving representatives', save: 'Save case', saved: 'Case recorded', newCase: 'Next case',
    phoneInvalid: 'Must be an 11-digit mainland mobile number', idInvalid: 'Not a valid 18-digit resident ID number (check digit)', emailInvalid: 'Not a valid e-mail address',
    descriptionRequired: 'Describe the issue', lineRequired: 'Choose the line', communityRequired: 'Choose the community', channelRequired: 'Choose the channel',
    keyboardHint: 'Tip: Tab moves on, Ctrl+Enter saves.', draftKept: 'Your unsaved entry was restored',
    noReceptionToday: 'No reception day in this community today',
  },
  cases: {
    title: 'Cases', from: 'From', to: 'To', q: 'Keywords (Chinese search)', repeat: 'Repeat', onlyRepeat: 'Repeats only',
    recordedAt: 'Recorded', excerpt: 'Issue', expected: 'Expected', open: 'Open',
    basic: 'Case', visitors: 'Visitors', timeline: 'Timeline', referral: 'Referral',
    fullRead: 'Show full details', fullReadPurpose: 'Purpose', fullReadNotice: 'Reading full personal data is recorded (who, when, why).',
    fullReadDone: 'This read has been recorded.', masked: 'Masked', repeatOf: 'Repeat of', repeatCount: 'Repeats',
    accessLog: 'Access log', anonymous: 'Anonymous', noVisitors: 'No visitor recorded',
  },
  referrals: {
    title: 'Referrals', queue: 'To route', returned: 'Returned', repeats: 'Repeat petitions', all: 'All referrals',
    suggested: 'Suggested route / unit', routeAction: 'Route', routeDialog: 'Route referral', route: 'Route', unit: 'Handling unit',
    representative: 'Representative', difficult: 'Difficult / broad', note: 'Note', unitsAllowed: 'Units this route allows',
    noUnits: 'No unit for this line on this route', returnReason: 'Reason returned', repeatCount: 'Repeated {n} times', merge: 'Merge',
    mergeInto: 'Merge into', mergeTarget: 'Referral to merge', unlink: 'Unlink', unlinkCase: 'Case id to unlink',
    informed: 'Visitor told', close: 'Close', outcome: 'Outcome', dueDate: 'Due', unitReply: "Unit's reply",
    priority: 'Priority', line: 'Line', community: 'Community', openedAt: 'Opened',
  },
  handling: {
    title: 'Handling', accept: 'Accept', giveBack: 'Return', progress: 'Report progress', extend: 'Extend', reply: 'Reply',
    days: 'Days', reply_text: 'Reply', progressNote: 'Progress', returnBy: 'Return by',
  },
  supervision: {
    title: 'Supervision', approaching: 'Approaching', overdue: 'Overdue', escalated: 'Escalated', byTier: 'Supervised at', issue: 'Issue notice',
    issueNote: 'Supervision note', respondBy: 'Reply by {date}', watchedByMe: 'Watched by my tier',
  },
  reception: {
    title: 'Reception days', month: 'Month', subdistrict: 'Sub-district', community: 'Community', schedule: 'Schedule', date: 'Date',
    start: 'Start', end: 'End', place: 'Place', roster: 'Roster', kind: 'Kind', warnings: 'Warnings', reschedule: 'Reschedule',
    cancelDay: 'Cancel day', attendance: 'Attendance', attended: 'Attended', confirm: 'Confirm', decline: 'Decline',
    declineReason: 'Reason', mine: 'My reception days', rosterStatus: 'Answer', noDays: 'No reception day this month',
    status: { SCHEDULED: 'Scheduled', CANCELLED: 'Cancelled', HELD: 'Held', RESCHEDULED: 'Rescheduled' },
    answer: { PENDING: 'Pending', CONFIRMED: 'Confirmed', DECLINED: 'Declined' },
  },
  inbox: {
    title: 'Messages', unread: 'Unread', markRead: 'Mark read', live: 'Live', disconnected: 'Disconnected, reconnecting…',
    onlyUnread: 'Unread only', newNotice: 'New: {title}',
  },
  public: {
    title: 'Minqing · follow your case', lookup: 'Look up', progress: 'Progress', rate: 'Rate the result', comment: 'Comment (optional)',
    thanks: 'Thank you for your rating!', rateLimited: 'Too many look-ups; please wait a minute and try again.',
    rating: { SATISFIED: 'Satisfied', BASICALLY_SATISFIED: 'Basically satisfied', UNSATISFIED: 'Unsatisfied' },
  },
  errors: { generic: 'Failed', fieldsBelow: 'Correct the marked fields' },
}

export default en

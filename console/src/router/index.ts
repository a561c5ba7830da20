import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import Layout from '@/layout/Layout.vue'
import Home from '@/views/home/Home.vue'
import { ACTIONS, MENU, allowed } from '@/auth/permissions'
import type { Role } from '@/auth/claims'
import { useUserStore } from '@/store/user'

declare module 'vue-router' {
  interface RouteMeta {
    titleKey?: string
    roles?: Role[]
    public?: boolean
  }
}

const roles = (name: string): Role[] => MENU.find((m) => m.name === name)?.roles ?? []

export const routes: RouteRecordRaw[] = [
  { path: '/public', name: 'public', component: () => import('@/views/public/PublicCase.vue'), meta: { public: true } },
  { path: '/auth/callback', name: 'callback', component: () => import('@/views/auth/Callback.vue'), meta: { public: true } },
  {
    path: '/',
    component: Layout,
    redirect: '/home',
    children: [
      { path: 'home', name: 'home', component: Home, meta: { titleKey: 'menu.home', roles: [] } },
      { path: 'reception-days', name: 'reception-days', component: () => import('@/views/reception/Calendar.vue'), meta: { titleKey: 'menu.receptionDays', roles: roles('reception-days') } },
      { path: 'my-reception-days', name: 'my-reception-days', component: () => import('@/views/reception/Mine.vue'), meta: { titleKey: 'menu.myReceptionDays', roles: roles('my-reception-days') } },
      { path: 'intake', name: 'intake', component: () => import('@/views/intake/Desk.vue'), meta: { titleKey: 'menu.intake', roles: roles('intake') } },
      { path: 'cases', name: 'cases', component: () => import('@/views/cases/List.vue'), meta: { titleKey: 'menu.cases', roles: roles('cases') } },
      {
        path: 'cases/:id', name: 'case-detail', component: () => import('@/views/cases/Detail.vue'),
        meta: { titleKey: 'menu.caseDetail', roles: ['community-staff', 'subdistrict-staff', 'district-staff', 'representative', 'liaison-officer', 'handling-unit'] },
      },
      { path: 'referrals', name: 'referrals', component: () => import('@/views/referrals/Board.vue'), meta: { titleKey: 'menu.referrals', roles: roles('referrals') } },
      { path: 'handling', name: 'handling', component: () => import('@/views/handling/Handling.vue'), meta: { titleKey: 'menu.handling', roles: roles('handling') } },
      { path: 'supervision', name: 'supervision', component: () => import('@/views/supervision/Supervision.vue'), meta: { titleKey: 'menu.supervision', roles: roles('supervision') } },
      {
        path: 'dashboards', component: () => import('@/views/dashboards/Dashboards.vue'), redirect: '/dashboards/hot-issues',
        meta: { titleKey: 'menu.dashboards', roles: roles('dashboards') },
        children: [
          { path: 'hot-issues', name: 'dash-hot-issues', component: () => import('@/views/dashboards/HotIssues.vue'), meta: { titleKey: 'menu.hotIssues', roles: roles('dashboards') } },
          { path: 'open-work', name: 'dash-open-work', component: () => import('@/views/dashboards/OpenWork.vue'), meta: { titleKey: 'menu.openWork', roles: roles('dashboards') } },
          { path: 'units', name: 'dash-units', component: () => import('@/views/dashboards/Scoreboard.vue'), meta: { titleKey: 'menu.scoreboard', roles: roles('dashboards') } },
        ],
      },
      { path: 'work-report', name: 'work-report', component: () => import('@/views/report/WorkReport.vue'), meta: { titleKey: 'menu.workReport', roles: roles('work-report') } },
      { path: 'representatives', name: 'representatives', component: () => import('@/views/archive/Representatives.vue'), meta: { titleKey: 'menu.representatives', roles: roles('representatives') } },
      { path: 'representatives/:id/archive', name: 'representative-archive', component: () => import('@/views/archive/DutyRecord.vue'), meta: { titleKey: 'menu.dutyArchive', roles: roles('representatives') } },
      { path: 'communities', name: 'communities', component: () => import('@/views/reference/Communities.vue'), meta: { titleKey: 'menu.communities', roles: roles('communities') } },
      { path: 'lines', name: 'lines', component: () => import('@/views/reference/Lines.vue'), meta: { titleKey: 'menu.lines', roles: roles('lines') } },
      { path: 'units', name: 'units', component: () => import('@/views/reference/Units.vue'), meta: { titleKey: 'menu.units', roles: roles('units') } },
      { path: 'deadlines', name: 'deadlines', component: () => import('@/views/reference/Deadlines.vue'), meta: { titleKey: 'menu.deadlines', roles: roles('deadlines') } },
      { path: 'duty-record', name: 'duty-record', component: () => import('@/views/archive/DutyRecord.vue'), meta: { titleKey: 'menu.dutyRecord', roles: roles('duty-record') } },
      { path: 'print/referral/:id', name: 'print-referral', component: () => import('@/views/print/ReferralForm.vue'), meta: { titleKey: 'print.referralForm', roles: ACTIONS['document:referral'] } },
      { path: 'print/supervision/:id', name: 'print-supervision', component: () => import('@/views/print/SupervisionNotice.vue'), meta: { titleKey: 'print.supervisionNotice', roles: ACTIONS['document:referral'] } },
      { path: 'print/reception-day/:id/notice', name: 'print-notice', component: () => import('@/views/print/ReceptionNotice.vue'), meta: { titleKey: 'print.notice', roles: ACTIONS['document:notice'] } },
      { path: 'print/reception-day/:id/sign-in', name: 'print-sign-in', component: () => import('@/views/print/SignInSheet.vue'), meta: { titleKey: 'print.signIn', roles: ACTIONS['document:sign-in'] } },
      { path: 'inbox', name: 'inbox', component: () => import('@/views/inbox/Inbox.vue'), meta: { titleKey: 'menu.inbox', roles: roles('inbox') } },
      { path: '403', name: 'forbidden', component: () => import('@/views/error/Forbidden.vue'), meta: { titleKey: 'auth.forbidden' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/error/NotFound.vue'), meta: { titleKey: 'auth.notFound' } },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  if (to.meta.public) return true
  const user = useUserStore()
  if (to.meta.roles && !allowed(to.meta.roles, user.roles)) return { name: 'forbidden' }
  return true
})

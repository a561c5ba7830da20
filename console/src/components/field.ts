/** What every labelled field of a form (FieldInput, FieldNumber) takes besides its value. */
export interface FieldProps {
  /** the control's id, which the form item's for= names */
  id: string
  label: string
  /** the form's or the service's message for the field */
  error?: string
  /** left undefined when not given, so the form item sets no rule of its own (false would add one) */
  required?: boolean
}

export const FIELD_DEFAULTS = { error: undefined, required: undefined } as const

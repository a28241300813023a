/**
 * Field layouts for the record types the app can create. The server and the model accept any
 * schema; these are the ones offered in the "New record" dialog and used for the sample deal.
 * No free-text (`text`) fields yet: the server's guard checks a new Y.Text against the schema it
 * already holds, so a schema and its texts created together are refused (reported to the server).
 */
import type { FieldDefinition } from '@concord/shared';

export const FORM_TEMPLATES: Record<string, { label: string; schema: FieldDefinition[] }> = {
  deal: {
    label: 'Deal',
    schema: [
      { name: 'company', label: 'Company', type: 'string', required: true },
      { name: 'amount', label: 'Amount (EUR)', type: 'number' },
      { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'qualified', 'proposal', 'won', 'lost'] },
      { name: 'closeDate', label: 'Close date', type: 'date' },
      { name: 'priority', label: 'High priority', type: 'boolean' },
      { name: 'nextStep', label: 'Next step', type: 'string' },
    ],
  },
  contact: {
    label: 'Contact',
    schema: [
      { name: 'name', label: 'Name', type: 'string', required: true },
      { name: 'email', label: 'Email', type: 'string' },
      { name: 'phone', label: 'Phone', type: 'string' },
      { name: 'title', label: 'Job title', type: 'string' },
    ],
  },
};

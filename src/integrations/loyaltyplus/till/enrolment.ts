// Loyalty Functions > Enrol: the fields a new member gives at the till, checked before anything
// is sent, each problem named at its field.
import { createHash } from 'node:crypto';

export interface EnrolFields { name: string; cellphone: string; card: string }
export type EnrolProblems = Partial<Record<keyof EnrolFields, string>>;

const CELL = /^\+?[0-9]{10,15}$/;
const CARD = /^[0-9]{8,19}$/;

/** The fields as sent (trimmed, spaces and dashes out of the numbers) and what is wrong with them. */
export function checkEnrolment(f: EnrolFields): { fields: EnrolFields; problems: EnrolProblems } {
  const fields: EnrolFields = {
    name: f.name.trim().replace(/\s+/g, ' '),
    cellphone: f.cellphone.replace(/[\s-]/g, ''),
    card: f.card.replace(/[\s-]/g, ''),
  };
  const problems: EnrolProblems = {};
  if (fields.name.length < 2 || fields.name.length > 60) problems.name = 'Name: 2 to 60 characters';
  if (!CELL.test(fields.cellphone)) problems.cellphone = 'Cellphone: 10 to 15 digits, optionally starting with +';
  if (!CARD.test(fields.card)) problems.card = 'Card number: 8 to 19 digits';
  return { fields, problems };
}

/**
 * The same enrolment sent again (after a timeout) carries the same key, so it is never made twice;
 * corrected details are a new request.
 */
export function enrolmentKey(till: string, f: EnrolFields): string {
  const digest = createHash('sha256').update(`${f.name}\n${f.cellphone}\n${f.card}`).digest('hex').slice(0, 16);
  return `${till}:enrol:${f.card}:${digest}`;
}

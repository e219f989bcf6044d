import type { CrmSourceSelection, SettingsProblem } from '@leadflow/crm';
import { z } from 'zod';

const mondayId = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, 'must be a Monday id (digits)');
const columnId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_]+$/, 'must be a Monday column id (letters, digits and _)');

/**
 * What an admin chooses for a Monday connection. Everything is optional until a board is chosen: a
 * connection is created (OAuth or token) first, and the board and its columns are picked afterwards
 * from `sources` (`settingsForSource`).
 */
export const mondaySettingsSchema = z
  .strictObject({
    /** The board whose items are routed. */
    boardId: mondayId.optional(),
    /** The People column Leadflow writes the chosen owner to, and reads the current owner from. */
    ownerColumnId: columnId.optional(),
    /** The Status column read for status parity and, with `statusLabelOnAssign`, written on assignment. */
    statusColumnId: columnId.optional(),
    /** A label of the status column written together with the owner (e.g. "Working on it"). */
    statusLabelOnAssign: z.string().trim().min(1).max(255).optional(),
  })
  .superRefine((settings, ctx) => {
    for (const key of ['ownerColumnId', 'statusColumnId'] as const) {
      if (settings[key] !== undefined && settings.boardId === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'needs boardId: columns belong to a board' });
      }
    }
    if (settings.statusLabelOnAssign !== undefined && settings.statusColumnId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['statusLabelOnAssign'],
        message: 'needs statusColumnId: the label is written to that column',
      });
    }
  });

export type MondaySettings = z.output<typeof mondaySettingsSchema>;

/** Settings with every problem named by its field. Absent input means "nothing chosen yet". */
export function parseMondaySettings(
  input: unknown,
): { settings: MondaySettings } | { problems: SettingsProblem[] } {
  const parsed = mondaySettingsSchema.safeParse(input ?? {});
  if (parsed.success) return { settings: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/**
 * The settings after the admin chose a board and its columns, merged over the current ones. The
 * status label on assignment is kept only while it still refers to the same status column of the
 * same board: a label of another column would be refused by Monday on the first write.
 */
export function mondaySettingsForSource(
  current: Record<string, unknown>,
  selection: CrmSourceSelection,
): Record<string, unknown> {
  const { boardId, statusColumnId, statusLabelOnAssign, ...rest } = current;
  const sameStatusColumn =
    boardId === selection.sourceId &&
    selection.statusField !== undefined &&
    statusColumnId === selection.statusField;
  return {
    ...rest,
    boardId: selection.sourceId,
    ownerColumnId: selection.ownerField,
    ...(selection.statusField === undefined ? {} : { statusColumnId: selection.statusField }),
    ...(sameStatusColumn && statusLabelOnAssign !== undefined ? { statusLabelOnAssign } : {}),
  };
}

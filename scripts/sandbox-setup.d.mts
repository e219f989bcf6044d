export function callJson<T = any>(
  method: string,
  url: string,
  options?: { body?: unknown; key?: string },
): Promise<T>;

export const LEADS_BOARD_COLUMNS: readonly { id: string; title: string; type: string }[];

export function createMondayBoard(input: {
  sandboxUrl: string;
  account: { name: string; plan?: string; webhookRetryDelaysMs?: number[] };
  users: readonly { name: string; email: string }[];
}): Promise<{ accountId: number; ownerUserId: string; boardId: number; userIds: string[] }>;

export function connectMondayBoard(input: {
  apiUrl: string;
  sandboxUrl: string;
  adminKey: string;
  app: { clientId: string; clientSecret: string; signingSecret: string };
  accountId: number | string;
  boardId: number | string;
}): Promise<string>;

export function setUpRoundRobinTeam(input: {
  apiUrl: string;
  adminKey: string;
  teamName: string;
  reps: readonly { name: string; email: string; crmOwnerIds: Record<string, string> }[];
  connectionIds: readonly string[];
}): Promise<{ repIds: string[]; poolId: string }>;

import type { CrmSource, CrmSourceCatalog, CrmSourceSelection } from '@leadflow/crm';
import type { DiscoveredField } from '@leadflow/field-mapping';
import { discoveredFields } from './board-columns';
import { type BoardColumnsQuery, BoardsDocument } from './generated/graphql';
import { type MondayApi, requestMonday } from './monday-call';

const BOARDS_PAGE_SIZE = 100;
/** A safety stop for `list`: 50 pages are 5,000 boards, far more than an admin can choose from. */
const MAX_BOARD_PAGES = 50;

type Board = NonNullable<NonNullable<BoardColumnsQuery['boards']>[number]>;

/** Boards that hold items a lead can be: not subitem boards, not docs. */
function holdsItems(board: { type: string | null }): boolean {
  return board.type !== 'sub_items_board' && board.type !== 'document';
}

/**
 * The boards an admin can route from, their columns, and a check of a choice (docs/providers/monday.md,
 * "Choosing a board"). `readBoard` is the client's: the same query serves `listFields`.
 */
export class MondaySourceCatalog implements CrmSourceCatalog {
  constructor(
    private readonly api: MondayApi,
    private readonly readBoard: (boardId: string, operation: string) => Promise<Board | null>,
  ) {}

  async list(): Promise<CrmSource[]> {
    const sources: CrmSource[] = [];
    for (let page = 1; page <= MAX_BOARD_PAGES; page++) {
      const data = await requestMonday(
        this.api,
        { operation: 'boards.list', family: 'metadata', bucket: 'default' },
        BoardsDocument,
        { limit: BOARDS_PAGE_SIZE, page },
      );
      const boards = (data.boards ?? []).flatMap((b) => (b === null ? [] : [b]));
      for (const board of boards) {
        if (board.state !== 'active' || !holdsItems(board)) continue;
        sources.push({ id: board.id, name: board.name, kind: 'board', itemCount: board.items_count ?? null });
      }
      if ((data.boards ?? []).length < BOARDS_PAGE_SIZE) break;
    }
    return sources;
  }

  async fields(sourceId: string): Promise<DiscoveredField[]> {
    const board = await this.readBoard(sourceId, 'boards.columns');
    return board === null
      ? []
      : discoveredFields((board.columns ?? []).flatMap((c) => (c === null ? [] : [c])));
  }

  async checkSelection(
    selection: CrmSourceSelection,
  ): Promise<{ field: keyof CrmSourceSelection; message: string }[]> {
    if (!/^\d{1,20}$/.test(selection.sourceId)) {
      return [{ field: 'sourceId', message: `"${selection.sourceId}" is not a Monday board id` }];
    }
    const board = await this.readBoard(selection.sourceId, 'boards.columns');
    if (board === null || board.state !== 'active') {
      return [{ field: 'sourceId', message: `board ${selection.sourceId} does not exist or is not active` }];
    }
    if (!holdsItems(board)) {
      return [{ field: 'sourceId', message: `"${board.name}" is not a board of items` }];
    }
    const columns = (board.columns ?? []).flatMap((c) => (c === null || c.archived ? [] : [c]));
    const problems: { field: keyof CrmSourceSelection; message: string }[] = [];
    const owner = columns.find((c) => c.id === selection.ownerField);
    if (owner === undefined) {
      problems.push({
        field: 'ownerField',
        message: `board "${board.name}" has no column "${selection.ownerField}"`,
      });
    } else if (owner.type !== 'people') {
      problems.push({
        field: 'ownerField',
        message: `column "${owner.title}" is a ${owner.type} column; the owner needs a People column`,
      });
    }
    if (selection.statusField !== undefined) {
      const status = columns.find((c) => c.id === selection.statusField);
      if (status === undefined) {
        problems.push({
          field: 'statusField',
          message: `board "${board.name}" has no column "${selection.statusField}"`,
        });
      } else if (status.type !== 'status') {
        problems.push({
          field: 'statusField',
          message: `column "${status.title}" is a ${status.type} column; the status needs a Status column`,
        });
      }
    }
    return problems;
  }
}

export type { Board as MondayBoard };

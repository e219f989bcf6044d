import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { fail, parse } from '../hubspot/control-http';
import type { MondayAccount, MondayBoard } from './monday-account';
import { MondayItemStreams } from './monday-item-stream';
import { MondaySandbox } from './monday-sandbox';

const streamBody = z.object({
  perSecond: z.number().positive().max(1_000),
  count: z.number().int().positive().optional(),
  durationMs: z.number().int().positive().optional(),
  column_values: z.record(z.string(), z.unknown()).default({}),
});

/** Test-only control API: a steady stream of new items on a board. */
@Controller('_sandbox/monday/accounts/:accountId/boards/:boardId/item-stream')
export class MondayItemStreamController {
  constructor(
    private readonly sandbox: MondaySandbox,
    private readonly streams: MondayItemStreams,
  ) {}

  @Post()
  start(@Param('accountId') accountId: string, @Param('boardId') boardId: string, @Body() body: unknown) {
    const { account, board } = this.target(accountId, boardId);
    const input = parse(streamBody, body);
    const progress =
      this.streams.start(account, board, {
        perSecond: input.perSecond,
        ...(input.count !== undefined ? { count: input.count } : {}),
        ...(input.durationMs !== undefined ? { durationMs: input.durationMs } : {}),
        columnValues: input.column_values,
      }) ?? fail(409, `board ${boardId} already has a running item stream`);
    // The first item is created at once: column values the board refuses stop the stream there.
    if (progress.error) fail(400, progress.error);
    return progress;
  }

  @Get()
  progress(@Param('accountId') accountId: string, @Param('boardId') boardId: string) {
    const { account, board } = this.target(accountId, boardId);
    return this.streams.progress(account.id, board.id) ?? fail(404, `board ${boardId} has no item stream`);
  }

  @Delete()
  stop(@Param('accountId') accountId: string, @Param('boardId') boardId: string) {
    const { account, board } = this.target(accountId, boardId);
    return this.streams.stop(account.id, board.id) ?? fail(404, `board ${boardId} has no item stream`);
  }

  private target(accountId: string, boardId: string): { account: MondayAccount; board: MondayBoard } {
    const account = this.sandbox.account(Number(accountId)) ?? fail(404, `account ${accountId} not found`);
    const board = account.boards.get(Number(boardId)) ?? fail(404, `board ${boardId} not found`);
    return { account, board };
  }
}

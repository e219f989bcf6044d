import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type RateStreamPlan, RateStreams, streamPersonName } from '../rate-streams';
import type { MondayAccount, MondayBoard } from './monday-account';

export interface ItemStreamInput extends RateStreamPlan {
  /** Column values every item gets (Monday's write format). */
  columnValues: Record<string, unknown>;
}

/**
 * Leads arriving on a Monday board over time, as people would add them: one item per tick's due
 * share, created by the account owner (so `create_item` webhooks fire). One stream per board.
 */
@Injectable()
export class MondayItemStreams implements OnApplicationShutdown {
  private readonly streams = new RateStreams<string>(
    new Logger('MondayItemStreams'),
    (key) => `item stream for board ${key.split(':')[1]}`,
  );
  private serial = 0;

  /** Undefined when the board already has a running stream. */
  start(account: MondayAccount, board: MondayBoard, input: ItemStreamInput, now = Date.now()) {
    const started = this.streams.start(
      `${account.id}:${board.id}`,
      input,
      (at) => {
        const { first, last } = streamPersonName(this.serial++);
        account.createItem(
          board,
          { name: `${first} ${last}`, columnValues: input.columnValues },
          account.owner.id,
          at,
        );
      },
      now,
    );
    return started ? this.progress(account.id, board.id) : undefined;
  }

  stop(accountId: number, boardId: number) {
    return this.streams.stop(`${accountId}:${boardId}`) ? this.progress(accountId, boardId) : undefined;
  }

  progress(accountId: number, boardId: number) {
    const progress = this.streams.progress(`${accountId}:${boardId}`);
    return progress === undefined ? undefined : { accountId, boardId, ...progress };
  }

  onApplicationShutdown(): void {
    this.streams.stopAll();
  }
}

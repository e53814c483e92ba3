import { tradeRepository } from '@retaille/db';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import type { TradeMessageDto } from './trade.dto.ts';
import { fieldError, MESSAGE_MAX_LENGTH, type TradeServiceDeps } from './trade-context.ts';
import type { TradeReadModel } from './trade-read-model.ts';

type MessageRow = Awaited<ReturnType<typeof tradeRepository.listMessages>>[number];

function messageDto(m: MessageRow, viewerId: string): TradeMessageDto {
  return {
    id: m.id,
    authorRole: m.author_role,
    authorName: m.author_name,
    mine: m.author_user_id === viewerId,
    body: m.body,
    createdAt: m.created_at.toISOString(),
  };
}

/** The parties' messages on a trade (the operator reads and writes them too). */
export class TradeMessages {
  constructor(
    private readonly deps: Pick<TradeServiceDeps, 'db' | 'now'>,
    private readonly read: TradeReadModel,
  ) {}

  /** Oldest first, each with its author's name, in one query whatever their number. */
  async listMessages(actor: Actor, id: string): Promise<TradeMessageDto[]> {
    const user = requireUser(actor);
    await this.read.loadForActor(actor, id);
    const rows = await tradeRepository.listMessages(this.deps.db, id);
    return rows.map((m) => messageDto(m, user.userId));
  }

  async sendMessage(actor: Actor, id: string, body: string): Promise<TradeMessageDto> {
    const user = requireUser(actor);
    const { roles } = await this.read.loadForActor(actor, id);
    const text = body.trim();
    if (text === '') throw fieldError('body', 'field.required');
    if (text.length > MESSAGE_MAX_LENGTH)
      throw fieldError('body', 'field.tooLong', { max: MESSAGE_MAX_LENGTH });
    const role = roles[0];
    if (!role) throw new Error('a party without a role');
    const row = await tradeRepository.insertMessage(this.deps.db, {
      trade_id: id,
      author_user_id: user.userId,
      author_role: role,
      body: text,
      created_at: this.deps.now(),
    });
    return messageDto({ ...row, author_name: user.name }, user.userId);
  }
}

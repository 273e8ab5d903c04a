import {
  DescribeArchiveCommand,
  DescribeRuleCommand,
  ListReplaysCommand,
  StartReplayCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { ArchiveNotFoundError, EventBusNotFoundError } from '../errors';
import type { EventReplayPort, ReplaySummary, StartReplayInput } from '../ports';
import { awsCall, hasErrorName } from './translate-error';

function iso(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

/** EventBridge adapter of `EventReplayPort`. */
export class EventBridgeReplays implements EventReplayPort {
  constructor(private readonly events: EventBridgeClient) {}

  async archive(archiveName: string): Promise<{ arn: string; sourceArn: string }> {
    const out = await awsCall(
      'DescribeArchive',
      () => this.events.send(new DescribeArchiveCommand({ ArchiveName: archiveName })),
      (err) => (hasErrorName(err, 'ResourceNotFoundException') ? new ArchiveNotFoundError(archiveName, { cause: err }) : undefined),
    );
    if (!out.ArchiveArn || !out.EventSourceArn) throw new ArchiveNotFoundError(archiveName);
    return { arn: out.ArchiveArn, sourceArn: out.EventSourceArn };
  }

  async ruleArn(ruleName: string, busName: string): Promise<string> {
    const out = await awsCall(
      'DescribeRule',
      () => this.events.send(new DescribeRuleCommand({ Name: ruleName, EventBusName: busName })),
      (err) => (hasErrorName(err, 'ResourceNotFoundException') ? new EventBusNotFoundError(`${busName}/${ruleName}`, { cause: err }) : undefined),
    );
    if (!out.Arn) throw new EventBusNotFoundError(`${busName}/${ruleName}`);
    return out.Arn;
  }

  async startReplay(input: StartReplayInput): Promise<{ arn: string; state: string }> {
    const out = await awsCall('StartReplay', () =>
      this.events.send(
        new StartReplayCommand({
          ReplayName: input.name,
          Description: 'started by bankctl events replay',
          EventSourceArn: input.archiveArn,
          EventStartTime: input.from,
          EventEndTime: input.to,
          Destination: { Arn: input.busArn, ...(input.ruleArns.length ? { FilterArns: [...input.ruleArns] } : {}) },
        }),
      ),
    );
    return { arn: out.ReplayArn ?? '', state: out.State ?? 'UNKNOWN' };
  }

  async listReplays(archiveArn: string): Promise<ReplaySummary[]> {
    const replays: ReplaySummary[] = [];
    let nextToken: string | undefined;
    do {
      const out = await awsCall('ListReplays', () => this.events.send(new ListReplaysCommand({ EventSourceArn: archiveArn, NextToken: nextToken })));
      for (const r of out.Replays ?? []) {
        replays.push({
          name: r.ReplayName ?? '',
          state: r.State ?? 'UNKNOWN',
          reason: r.StateReason,
          eventStartTime: iso(r.EventStartTime),
          eventEndTime: iso(r.EventEndTime),
          replayStartTime: iso(r.ReplayStartTime),
          replayEndTime: iso(r.ReplayEndTime),
        });
      }
      nextToken = out.NextToken;
    } while (nextToken);
    return replays;
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import {
  projectedVersion,
  type ItemChangeProjection,
  type ProjectionInput,
} from '../../activities/rectification/rectification.activities';
import {
  itemCommandUpdate,
  itemStateQuery,
  RectificationItemInput,
} from '../../libs/contracts/src/rectification/rectification-item';
import { DEFAULT_LADDER } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/process/actor';
import { createTimeSkippingEnvironment } from '../test/time-skipping';
import { testWorkflowBundle, testWorkflowSinks } from '../test/workflow-bundle';
import { HISTORY_BOUND, rectificationItemWorkflow } from './rectification-item.workflow';

const DAY = 86_400_000;
const unit: Actor = { id: 'user:p1', name: '责任人', unit: 'tA', roles: ['department'] };
const verifier: Actor = { id: 'user:v1', name: '验收人', unit: 'c1', roles: ['inspector'] };

describe('rectificationItemWorkflow history bound (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const projected: number[] = [];

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    const activities: Pick<Activities, 'projectRectification' | 'issueEscalation' | 'deliverNotifications'> =
      {
        projectRectification(input: ProjectionInput | ItemChangeProjection) {
          projected.push(projectedVersion(input).version);
          return Promise.resolve();
        },
        issueEscalation: () => Promise.resolve({ notificationIds: [] }),
        deliverNotifications: ({ notificationIds }) => Promise.resolve({ delivered: notificationIds.length }),
      };
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'history-bound-test',
      workflowBundle: await testWorkflowBundle(),
      sinks: testWorkflowSinks,
      activities,
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  it(`continues as new once its history passes ${HISTORY_BOUND} events, keeping its state and taking steps after`, async () => {
    const startMs = await env.currentTimeMs();
    const input: RectificationItemInput = {
      facts: {
        itemId: 'item-long',
        ledgerId: 'ledger-1',
        number: 1,
        problem: '农村饮水工程管护不到位',
        source: '省专项巡视',
        category: '民生保障',
        analysis: '管护责任未落实',
        measures: ['明确管护主体'],
        responsibleUnit: 'tA',
        responsibleUnitPath: '/c1/tA/',
        verifierId: 'v1',
        repeatOf: null,
        workflowId: 'rectification:ledger-1:item-long',
      },
      ladder: DEFAULT_LADDER,
      registeredBy: verifier,
      deadlines: {
        basic: new Date(startMs + 60 * DAY).toISOString(),
        full: new Date(startMs + 90 * DAY).toISOString(),
      },
      responsiblePersonId: 'p1',
    };
    const handle = await env.client.workflow.start(rectificationItemWorkflow, {
      taskQueue: 'history-bound-test',
      workflowId: input.facts.workflowId,
      args: [input],
    });
    const firstRunId = handle.firstExecutionRunId;
    const report = (n: number) =>
      handle.executeUpdate(itemCommandUpdate, {
        args: [{ command: { type: 'record-progress', note: `第${n}次进展` }, actor: unit }],
      });

    let reports = 0;
    while ((await handle.describe()).runId === firstRunId) {
      await report(++reports);
      expect(reports).toBeLessThan(HISTORY_BOUND / 5);
    }
    const current = await handle.describe();
    expect(current.historyLength).toBeLessThan(50);

    // the new run carries the state on and takes the next step
    const carried = await handle.query(itemStateQuery);
    expect(carried.version).toBe(reports + 1);
    await expect(report(++reports)).resolves.toMatchObject({ version: reports + 1, status: 'rectifying' });
    expect(projected.at(-1)).toBe(reports + 1);
    await handle.terminate('test finished');

    // the run that continued as new (its patch marker included) replays on today's code
    const history = await env.client.workflow.getHandle(input.facts.workflowId, firstRunId).fetchHistory();
    const replay = { workflowBundle: await testWorkflowBundle(), sinks: testWorkflowSinks };
    await expect(Worker.runReplayHistory(replay, history, input.facts.workflowId)).resolves.toBeUndefined();
    if (process.env.RECORD_HISTORY === '1')
      fs.writeFileSync(
        path.join(__dirname, '../test/replay/histories/rectification-item.history-bound-250.v4.json'),
        historyToJSON(history),
      );
  });
});

import type { Role } from '../libs/domain/src/access/roles';
import { fixturePlan } from './support/campaign-fixture';
import { householdCsv } from './support/housing-fixture';
import type { OrgFixture, Person } from './support/org-fixture';

/**
 * Who may call each route, and for each route that changes something, the per-object case that
 * proves a user of another unit is refused and nothing changes. test/access.e2e-spec.ts fails when
 * a route of the application is missing here, declares other roles, or changes data without a case.
 */
export type RouteAccess =
  | { public: true }
  | {
      roles: Role[];
      /** A department user of another unit (乙镇) tries it on 甲镇's object. */
      otherUnit?: {
        actor: Person;
        request: (f: OrgFixture) => { path: string; body?: object; file?: { name: string; content: Buffer } };
      };
      /** The route acts on the caller alone: there is no other unit's object to name. */
      selfOnly?: true;
    };

const ALL: Role[] = ['admin', 'command-center', 'department', 'leadership', 'inspector'];
const CROSS: Role[] = ['admin', 'command-center', 'leadership', 'inspector'];

export const ACCESS_MATRIX: Record<string, RouteAccess> = {
  'GET /api/health': { public: true },
  'GET /api/ready': { public: true },
  'POST /api/auth/login': { public: true },
  'POST /api/auth/refresh': { public: true },
  'POST /api/auth/logout': { public: true },
  'POST /api/auth/web/login': { public: true },
  'POST /api/auth/web/refresh': { public: true },
  'POST /api/auth/web/logout': { public: true },

  'GET /api/audit': { roles: CROSS },
  'GET /api/audit/verify': { roles: ['admin', 'leadership'] },

  'GET /api/units': { roles: ALL },
  'GET /api/units/:code': { roles: ALL },
  'POST /api/units': {
    roles: ['admin'],
    otherUnit: {
      actor: 'deptB',
      request: () => ({
        path: '/api/units',
        body: { code: 'vA2', name: '甲二村', kind: 'village', parentCode: 'tA' },
      }),
    },
  },
  'PATCH /api/units/:code': {
    roles: ['admin'],
    otherUnit: {
      actor: 'deptB',
      request: () => ({ path: '/api/units/vA1', body: { name: '改名', reason: '试图越权' } }),
    },
  },
  'POST /api/units/import': {
    roles: ['admin'],
    otherUnit: { actor: 'deptB', request: () => ({ path: '/api/units/import' }) },
  },

  'GET /api/users': { roles: ALL },
  'GET /api/users/me': { roles: ALL },
  'GET /api/users/:id': { roles: ALL },
  'POST /api/users/me/password': { roles: ALL, selfOnly: true },
  'POST /api/users': {
    roles: ['admin'],
    otherUnit: {
      actor: 'deptB',
      request: () => ({
        path: '/api/users',
        body: {
          username: 'intruder',
          displayName: '越权',
          unitCode: 'tA',
          roles: ['department'],
          password: 'intruder-password',
        },
      }),
    },
  },
  'PATCH /api/users/:id': {
    roles: ['admin'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/users/${f.ids.deptA}`, body: { roles: ['admin'], reason: '试图越权' } }),
    },
  },
  'POST /api/users/:id/password': {
    roles: ['admin'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/users/${f.ids.deptA}/password`, body: { password: 'taken-over-123' } }),
    },
  },
  'POST /api/users/:id/unlock': {
    roles: ['admin'],
    otherUnit: { actor: 'deptB', request: (f) => ({ path: `/api/users/${f.ids.deptA}/unlock` }) },
  },
  'GET /api/users/:id/api-tokens': { roles: ['admin'] },
  'POST /api/users/:id/api-tokens': {
    roles: ['admin'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/users/${f.ids.deptA}/api-tokens`, body: { name: '越权令牌' } }),
    },
  },
  'DELETE /api/users/:id/api-tokens/:tokenId': {
    roles: ['admin'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/users/${f.ids.deptA}/api-tokens/00000000-0000-4000-8000-000000000000` }),
    },
  },
  'POST /api/users/import': {
    roles: ['admin'],
    otherUnit: { actor: 'deptB', request: () => ({ path: '/api/users/import' }) },
  },

  'POST /api/ledgers': {
    roles: ['inspector', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: () => ({ path: '/api/ledgers', body: { name: '越权台账', source: '自查' } }),
    },
  },
  'GET /api/ledgers': { roles: ALL },
  'GET /api/ledgers/:id': { roles: ALL },
  'GET /api/ledgers/:id/overview': { roles: ALL },
  'GET /api/leader-queue': { roles: ['leadership'] },
  'POST /api/ledgers/:id/items': {
    roles: ['inspector', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/ledgers/${f.objects.ledger}/items`, body: {} }),
    },
  },
  'GET /api/ledgers/:id/workbook/template': { roles: ['inspector', 'command-center'] },
  'GET /api/ledgers/:id/workbook/export': { roles: ALL },
  'POST /api/ledgers/:id/workbook/import': {
    roles: ['inspector', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/ledgers/${f.objects.ledger}/workbook/import` }),
    },
  },
  'GET /api/rectifications': { roles: ALL },
  'GET /api/rectifications/:id': { roles: ALL },
  'GET /api/rectifications/:id/evidence/:evidenceId': { roles: ALL },
  // the item's per-object check: another unit's item (and its notices) is 404
  'GET /api/rectifications/:id/notices/xlsx': { roles: ALL },
  'GET /api/rectifications/:id/notices/:noticeId/html': { roles: ALL },
  'POST /api/rectifications/:id/progress': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/progress`, body: { note: '越权' } }),
    },
  },
  'POST /api/rectifications/:id/evidence': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/evidence` }),
    },
  },
  'POST /api/rectifications/:id/basic-done': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/basic-done`, body: { note: '越权' } }),
    },
  },
  'POST /api/rectifications/:id/submit': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/submit`, body: { note: '越权' } }),
    },
  },
  'POST /api/rectifications/:id/accept': {
    roles: ['inspector', 'command-center'],
    // the command center is not this item's verifier
    otherUnit: {
      actor: 'command',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/accept`, body: { note: '越权' } }),
    },
  },
  'POST /api/rectifications/:id/reject': {
    roles: ['inspector', 'command-center'],
    otherUnit: {
      actor: 'command',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/reject`, body: { reason: '越权' } }),
    },
  },
  'POST /api/rectifications/:id/reassign': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/rectifications/${f.objects.item}/reassign`,
        body: { personId: f.ids.deptB, reason: '越权' },
      }),
    },
  },
  'POST /api/rectifications/reassign': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: '/api/rectifications/reassign',
        body: { itemIds: [f.objects.item], personId: f.ids.deptB, reason: '越权' },
      }),
    },
  },
  'POST /api/rectifications/:id/extension-request': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/rectifications/${f.objects.item}/extension-request`,
        body: { newFullDeadline: '2099-12-31', reason: '越权' },
      }),
    },
  },
  'POST /api/rectifications/:id/extension-decision': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/rectifications/${f.objects.item}/extension-decision`,
        body: { approve: true, reason: '越权' },
      }),
    },
  },
  'POST /api/rectifications/:id/pause': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/pause`, body: { reason: '越权' } }),
    },
  },
  'POST /api/rectifications/:id/resume': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/resume`, body: { reason: '越权' } }),
    },
  },
  'POST /api/rectifications/:id/reopen': {
    roles: ['inspector', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/rectifications/${f.objects.item}/reopen`, body: { reason: '越权' } }),
    },
  },
  'POST /api/rectifications/:id/leader-decision': {
    roles: ['leadership'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/rectifications/${f.objects.item}/leader-decision`,
        body: { level: 5, decision: '越权' },
      }),
    },
  },
  'POST /api/rectifications/:id/comments': {
    roles: ALL,
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/rectifications/${f.objects.item}/comments`,
        body: { body: '越权评论' },
      }),
    },
  },
  'GET /api/notifications': { roles: ALL },
  'POST /api/notifications/:id/read': {
    roles: ALL,
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/notifications/${f.objects.notificationOfDeptA}/read` }),
    },
  },

  'GET /api/ledgers/:ledgerId/bulletins': { roles: ALL },
  'POST /api/ledgers/:ledgerId/bulletins': {
    roles: ['command-center', 'inspector'],
    otherUnit: {
      actor: 'deptB',
      request: () => ({ path: '/api/ledgers/00000000-0000-4000-8000-000000000000/bulletins' }),
    },
  },
  'GET /api/bulletins/:id': { roles: ALL },
  'GET /api/bulletins/:id/xlsx': { roles: ALL },
  'GET /api/bulletins/:id/html': { roles: ALL },

  'POST /api/diagnostics/round-trips': {
    roles: ['admin'],
    otherUnit: { actor: 'deptB', request: () => ({ path: '/api/diagnostics/round-trips', body: {} }) },
  },
  'GET /api/diagnostics/round-trips/:id': { roles: ['admin'] },

  'GET /api/housing/programmes': { roles: ALL },
  'GET /api/housing/programmes/:id': { roles: ALL },
  'GET /api/housing/programmes/:id/import-template': { roles: ['command-center', 'department'] },
  // a township or village gets its own households
  'GET /api/housing/programmes/:id/households/export': { roles: ALL },
  'GET /api/housing/programmes/:id/progress': { roles: ALL },
  'GET /api/housing/imports/:id': { roles: ALL },
  'GET /api/housing/report': { roles: ALL },
  'GET /api/housing/report/html': { roles: ALL },
  'GET /api/housing/report/xlsx': { roles: ALL },
  'GET /api/housing/households': { roles: ALL },
  'GET /api/housing/households/:id': { roles: ALL },
  'GET /api/housing/households/:id/evidence/:evidenceId': { roles: ALL },
  'POST /api/housing/programmes': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: () => ({
        path: '/api/housing/programmes',
        body: { name: '越权', housingBureau: 'zjj', stageDeadlines: {} },
      }),
    },
  },
  // runs the reconciler now over a programme; a department may not
  'POST /api/housing/programmes/:id/reconcile': {
    roles: ['admin', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/housing/programmes/${f.objects.programme}/reconcile`, body: {} }),
    },
  },
  'POST /api/housing/programmes/:id/imports': {
    roles: ['command-center', 'department'],
    // 乙镇 imports a household of 甲镇
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/housing/programmes/${f.objects.programme}/imports`,
        file: { name: 'households.csv', content: householdCsv([['H-X1', 'vA1', 'tA']]) },
      }),
    },
  },
  'POST /api/housing/households/:id/steps': {
    roles: ['department', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/housing/households/${f.objects.householdA}/steps`,
        body: { type: 'record-appraisal', rating: 'D', note: '越权' },
      }),
    },
  },
  'POST /api/housing/households/steps': {
    roles: ['department', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: '/api/housing/households/steps',
        body: {
          householdIds: [f.objects.householdB, f.objects.householdA],
          step: { type: 'withdraw', reason: '越权' },
        },
      }),
    },
  },
  // 乙镇 names 甲镇 in its filter: refused (a filter without a unit reaches 乙镇's own households only)
  'POST /api/batches/preview': {
    roles: ['department', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: '/api/batches/preview',
        body: { kind: 'household-step', filter: { programme: f.objects.programme, township: 'tA' } },
      }),
    },
  },
  'POST /api/batches': {
    roles: ['department', 'command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: '/api/batches',
        body: {
          kind: 'household-step',
          filter: { programme: f.objects.programme, township: 'tA' },
          step: { type: 'withdraw', reason: '越权' },
        },
      }),
    },
  },
  // the caller's own batches; the command center and admins see every batch
  'GET /api/batches/:id': { roles: ALL },
  'POST /api/housing/households/:id/evidence': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/housing/households/${f.objects.householdA}/evidence`,
        file: { name: 'photo.png', content: Buffer.from('not really a png') },
      }),
    },
  },
  'GET /api/calendar/:year': { roles: ALL },
  'PUT /api/calendar/:year': {
    roles: ['admin'],
    otherUnit: {
      actor: 'deptB',
      request: () => ({ path: '/api/calendar/2027', body: { holidays: [], workdays: [] } }),
    },
  },

  'POST /api/campaigns': {
    roles: ['command-center'],
    otherUnit: { actor: 'deptB', request: () => ({ path: '/api/campaigns', body: fixturePlan() }) },
  },
  // A pure read of the upload (saves nothing), refused to a department all the same.
  'POST /api/campaigns/drafts/from-document': {
    roles: ['command-center', 'admin'],
    otherUnit: {
      actor: 'deptB',
      request: () => ({
        path: '/api/campaigns/drafts/from-document',
        file: {
          name: '实施方案.txt',
          content: Buffer.from('一、重点任务\n1.测试任务。由住建局牵头，6月底前完成。'),
        },
      }),
    },
  },
  'GET /api/campaigns': { roles: ALL },
  'GET /api/campaigns/:id': { roles: ALL },
  'GET /api/campaigns/:id/plan-versions': { roles: ALL },
  'GET /api/campaigns/:id/plan-versions/:version': { roles: ALL },
  'GET /api/campaigns/:id/final-report': { roles: ALL },
  'GET /api/campaigns/:id/final-report/html': { roles: ALL },
  'GET /api/campaigns/:id/final-report/xlsx': { roles: ALL },
  'GET /api/campaigns/:id/bulletins': { roles: ALL },
  'GET /api/campaigns/:id/bulletins/:number': { roles: ALL },
  'GET /api/campaigns/:id/bulletins/:number/html': { roles: ALL },
  'GET /api/campaigns/:id/bulletins/:number/xlsx': { roles: ALL },
  'GET /api/campaigns/:id/progress': { roles: ALL },
  'GET /api/campaigns/:id/progress/html': { roles: ALL },
  'GET /api/campaigns/:id/progress/xlsx': { roles: ALL },
  'GET /api/campaigns/:id/responsibilities': { roles: ALL },
  'GET /api/campaigns/:id/events': { roles: ALL },
  // refused for 乙镇 asking for 甲镇's list: see test/access.e2e-spec.ts
  'GET /api/units/:code/tasks': { roles: ALL },
  'POST /api/campaigns/:id/plan': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/plan`,
        body: { document: fixturePlan({ name: '越权修改' }), reason: '越权' },
      }),
    },
  },
  'POST /api/campaigns/:id/tasks': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/tasks`,
        body: { task: { key: 'TX', name: '越权任务', lead: 'tB' }, reason: '越权' },
      }),
    },
  },
  'POST /api/campaigns/:id/launch': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/campaigns/${f.objects.campaignOfA}/launch` }),
    },
  },
  // 乙镇 is not named in 甲镇's campaign: it has no pledge to sign there
  'POST /api/campaigns/:id/pledges': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/campaigns/${f.objects.campaignOfA}/pledges`, body: { note: '越权' } }),
    },
  },
  'POST /api/campaigns/:id/pause': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/campaigns/${f.objects.campaign}/pause`, body: { reason: '越权' } }),
    },
  },
  'POST /api/campaigns/:id/resume': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/campaigns/${f.objects.campaign}/resume`, body: { reason: '越权' } }),
    },
  },
  'POST /api/campaigns/:id/close': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({ path: `/api/campaigns/${f.objects.campaign}/close`, body: { note: '越权' } }),
    },
  },
  'GET /api/campaigns/:id/tasks/:key': { roles: ALL },
  'GET /api/campaigns/:id/tasks/:key/evidence/:evidenceId': { roles: ALL },
  // the task's per-object check: another unit's task (and its notices) is 403
  'GET /api/campaigns/:id/tasks/:key/notices/xlsx': { roles: ALL },
  'GET /api/campaigns/:id/tasks/:key/notices/:noticeId/html': { roles: ALL },
  // 乙镇 works on task TA, led by 甲镇
  'POST /api/campaigns/:id/tasks/:key/progress': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/tasks/TA/progress`,
        body: { percentDone: 50, narrative: '越权' },
      }),
    },
  },
  'POST /api/campaigns/:id/tasks/:key/submit': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/tasks/TA/submit`,
        body: { note: '越权' },
      }),
    },
  },
  'POST /api/campaigns/:id/tasks/:key/evidence': {
    roles: ['department'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/tasks/TA/evidence`,
        file: { name: 'photo.png', content: Buffer.from('not really a png') },
      }),
    },
  },
  'POST /api/campaigns/:id/tasks/:key/accept': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/tasks/TB/accept`,
        body: { note: '越权' },
      }),
    },
  },
  'POST /api/campaigns/:id/tasks/:key/return': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/tasks/TA/return`,
        body: { reason: '越权' },
      }),
    },
  },
  'POST /api/campaigns/:id/tasks/:key/leader-decision': {
    roles: ['leadership'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/tasks/TB/leader-decision`,
        body: { level: 5, decision: '越权' },
      }),
    },
  },
  'POST /api/campaigns/:id/tasks/:key/extend': {
    roles: ['command-center'],
    otherUnit: {
      actor: 'deptB',
      request: (f) => ({
        path: `/api/campaigns/${f.objects.campaign}/tasks/TB/extend`,
        body: { deadline: '2099-12-31', reason: '越权' },
      }),
    },
  },
};

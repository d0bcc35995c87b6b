import type { Role } from '../libs/domain/src/access/roles';
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
      otherUnit?: { actor: Person; request: (f: OrgFixture) => { path: string; body?: object } };
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

  'POST /api/diagnostics/round-trips': {
    roles: ['admin'],
    otherUnit: { actor: 'deptB', request: () => ({ path: '/api/diagnostics/round-trips', body: {} }) },
  },
  'GET /api/diagnostics/round-trips/:id': { roles: ['admin'] },
};

// Typed calls a frontend makes with a client generated from the committed OpenAPI document (openapi-typescript +
// openapi-fetch). It is compiled, never run: `tsc --strict` fails when the document gives an operation a type a client
// cannot use (a create answering nothing, a list typed as a union of its media types, a snapshot as a string).
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/api';

type Account = components['schemas']['Account'];

// JSON media types only (application/json, application/merge-patch+json, application/problem+json); CSV and NDJSON are
// read as text elsewhere.
const api = createClient<paths, 'application/json' | `application/${string}+json`>({ baseUrl: 'http://localhost:8080' });

export async function typedCalls(id: string): Promise<void> {
  const page = await api.GET('/api/v1/accounts', { params: { query: { limit: 50, segment: 'SMB', sort: '-createdAt' } } });
  if (page.data) {
    const accounts: Account[] = page.data.items ?? [];
    const next: string | undefined = page.data.nextCursor;
    console.log(accounts.map((a) => a.name), next);
  }

  const one = await api.GET('/api/v1/accounts/{id}', { params: { path: { id } } });
  if (one.data) {
    const name: string = one.data.name;
    console.log(name);
  }

  const created = await api.POST('/api/v1/accounts', {
    params: { header: { 'Idempotency-Key': 'field-app-42' } },
    body: { name: 'Globex', segment: 'ENTERPRISE' },
  });
  if (created.data) {
    const stored: Account = created.data;
    console.log(stored.id, stored.version);
  }
  if (created.error) {
    const problem: components['schemas']['Problem'] = created.error;
    console.log(problem.type, problem.errors?.map((e) => e.field));
  }

  const patched = await api.PATCH('/api/v1/accounts/{id}', {
    params: { path: { id }, header: { 'If-Match': '"3"' } },
    body: { industry: 'Retail' },
  });
  if (patched.data) {
    console.log(patched.data.industry);
  }

  const snapshot = await api.GET('/api/v1/kpis/snapshot', {
    params: { query: { kpi: ['revenue', 'win_rate'], preset: 'LAST_QUARTER', compareTo: 'PREVIOUS_PERIOD' } },
  });
  if (snapshot.data) {
    for (const value of snapshot.data.values ?? []) {
      console.log(value.kpi, value.value, value.comparisonValue);
    }
  }

  const me = await api.GET('/api/v1/me');
  if (me.data) {
    const scope: 'ALL' | 'MANAGED_TEAMS' | 'OWN' = me.data.scope;
    console.log(scope, me.data.repId);
  }
}

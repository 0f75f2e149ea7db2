/** GraphQL over fetch, with the mutation token (VAULTGRAPH_TOKEN) asked for once per tab when a write is refused. */

export interface GqlError {
  message: string;
  extensions?: { code?: string };
}

/** An answer with errors: `code` is the first error's `extensions.code` (CONFLICT, UNAUTHENTICATED, NOT_FOUND...). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'vaultgraph.token';

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  let res: Response;
  try {
    res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('the server cannot be reached', 'NETWORK');
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GqlError[] };
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  }
  if (!body.data) {
    throw new ApiError(`the server answered ${res.status}`, 'INTERNAL_SERVER_ERROR');
  }
  return body.data;
}

/**
 * One query asking a field for each of several ids: the answer for `ids[i]` comes under the alias `m<i>`; `field`
 * writes the field given its id's variable (`$n<i>`).
 */
export function batchQuery(
  name: string,
  ids: readonly string[],
  field: (variable: string) => string,
): {
  query: string;
  variables: Record<string, string>;
} {
  const params = ids.map((_, i) => `$n${i}: String!`).join(', ');
  const fields = ids.map((_, i) => `m${i}: ${field(`$n${i}`)}`).join(' ');
  return { query: `query ${name}(${params}) { ${fields} }`, variables: Object.fromEntries(ids.map((id, i) => [`n${i}`, id])) };
}

/** A mutation; when the server wants a token, the page asks for it (kept in sessionStorage) and tries once more. */
export async function mutate<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  try {
    return await gql<T>(query, variables);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.code !== 'UNAUTHENTICATED' && err.code !== 'FORBIDDEN')) {
      throw err;
    }
    const token = await askToken(err.code === 'FORBIDDEN' || sessionStorage.getItem(TOKEN_KEY) !== null);
    if (!token) {
      throw err;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    return gql<T>(query, variables);
  }
}

/** A modal form (native <dialog>: focus kept inside, Escape cancels) asking for the API token. */
function askToken(wrongBefore: boolean): Promise<string | null> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'token-dialog';
    dialog.setAttribute('aria-labelledby', 'token-title');
    dialog.innerHTML = `
      <form method="dialog">
        <h2 id="token-title">API token needed</h2>
        <p>${wrongBefore ? 'The token was refused. ' : ''}This server asks for its token (VAULTGRAPH_TOKEN) before it changes a file. It is kept for this tab only.</p>
        <label for="token-input">Token</label>
        <input id="token-input" name="token" type="password" autocomplete="off" required />
        <div class="actions">
          <button type="submit" value="ok">Save and retry</button>
          <button type="button" value="cancel" class="secondary">Cancel</button>
        </div>
      </form>`;
    document.body.append(dialog);
    const input = dialog.querySelector('input') as HTMLInputElement;
    const finish = (value: string | null) => {
      dialog.remove();
      resolve(value);
    };
    dialog.querySelector('button[value=cancel]')?.addEventListener('click', () => dialog.close('cancel'));
    dialog.addEventListener('close', () => finish(dialog.returnValue === 'ok' && input.value.trim() ? input.value.trim() : null));
    dialog.showModal();
    input.focus();
  });
}

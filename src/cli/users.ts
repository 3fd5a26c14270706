import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { generatePassword } from '../keys/passwords.js';
import { createUser, disableUser, listUsers, USER_ROLES } from '../store/users.js';
import { actorOf, withStore, type StoreOptions } from './context.js';
import { renderTable } from './table.js';
import type { Output } from './watchlist.js';

export interface UsersCreateOptions extends StoreOptions {
  readonly username: string;
  readonly role: string;
  /** Read the password from the first line of stdin instead of generating one. */
  readonly passwordStdin?: boolean;
}

/** The first line of `input`, without its line ending ('' when the input is empty). */
async function firstLine(input: Readable): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

/**
 * Creates a reviewer or admin account. A generated password is printed once, alone on stdout
 * (so `PW=$(bulwark users create …)` works); the rest goes to stderr. A password given on stdin is never echoed.
 */
export async function usersCreate(options: UsersCreateOptions, stdin: Readable, out: Output, err: Output): Promise<void> {
  if (!(USER_ROLES as readonly string[]).includes(options.role)) throw new Error(`--role must be one of ${USER_ROLES.join(', ')}, got "${options.role}"`);
  const password = options.passwordStdin === true ? await firstLine(stdin) : generatePassword();
  await withStore(options, async (store) => {
    const user = await createUser(store, { username: options.username, role: options.role, password }, Date.now(), actorOf(options));
    if (options.passwordStdin !== true) out(password);
    err(
      `bulwark users: created ${user.role} ${user.username} (id ${user.id}).${options.passwordStdin === true ? '' : ' The password is shown only now: hand it over safely.'} Sign in at the review UI or with POST /v1/session.`,
    );
  });
}

export async function usersList(options: StoreOptions, json: boolean, out: Output): Promise<void> {
  await withStore(options, async (store) => {
    const users = await listUsers(store);
    if (json) {
      out(JSON.stringify(users));
      return;
    }
    const day = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10));
    out(renderTable(['id', 'username', 'role', 'created', 'disabled'], users.map((u) => [String(u.id), u.username, u.role, day(u.createdAt), day(u.disabledAt)])));
  });
}

/** Disables an account and ends its sessions; false when no active user has that name. */
export async function usersDisable(options: StoreOptions, username: string, out: Output): Promise<boolean> {
  return withStore(options, async (store) => {
    const user = await disableUser(store, { username }, Date.now(), actorOf(options));
    out(user === undefined ? `no active user ${username}` : `disabled user ${user.username} (id ${user.id}); their sessions have ended`);
    return user !== undefined;
  });
}

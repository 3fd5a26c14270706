import type { Generated } from 'kysely';

/**
 * Tables of the store, the same on SQLite and PostgreSQL. Times are epoch milliseconds (integers
 * on both dialects); JSON is stored as text so one query layer serves both.
 */
export interface Database {
  posts: PostsTable;
  assessments: AssessmentsTable;
  findings: FindingsTable;
  cases: CasesTable;
  decisions: DecisionsTable;
  campaigns: CampaignsTable;
  campaign_keys: CampaignKeysTable;
  campaign_posts: CampaignPostsTable;
  campaign_authors: CampaignMembersTable;
  campaign_channels: CampaignMembersTable;
  watchlist_persons: WatchlistPersonsTable;
  watchlist_identifiers: WatchlistIdentifiersTable;
  watchlist_hits: WatchlistHitsTable;
  audit_log: AuditLogTable;
  rejected_posts: RejectedPostsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
}

export interface PostsTable {
  id: Generated<number>;
  source: string;
  /** The post's id on the source platform; unique per source. */
  external_id: string;
  channel: string | null;
  /** Opaque account reference from the platform (never resolved to a person by Bulwark). */
  author_ref: string | null;
  /** Null once purged past retention. */
  text: string | null;
  text_length: number;
  received_at: number;
  stored_at: number;
  purged_at: number | null;
}

export interface AssessmentsTable {
  id: Generated<number>;
  post_id: number;
  engine_version: string;
  policy_version: string;
  language: string;
  dox_score: number;
  threat_score: number;
  bounty_score: number;
  flagged: string;
  severity: string;
  action: string;
  /** Labels, evidence offsets and explanations (JSON); no personal data values. */
  result_json: string;
  created_at: number;
}

export interface FindingsTable {
  id: Generated<number>;
  post_id: number;
  type: string;
  start: number;
  end: number;
  subtype: string | null;
  owner: string | null;
  /** Keyed hash of the canonical value (never the value itself). */
  value_hash: string | null;
}

export interface CasesTable {
  id: Generated<number>;
  post_id: number;
  campaign_id: number | null;
  status: string;
  severity: string;
  /** Numeric rank of severity, for sorting the queue. */
  severity_rank: number;
  recommended_action: string;
  /** The reviewer holding the case (see locked_until). */
  assignee: string | null;
  /** Epoch ms until which `assignee` holds the review lock; null or past: nobody does. */
  locked_until: number | null;
  due_at: number;
  created_at: number;
  updated_at: number;
  decided_at: number | null;
}

export interface DecisionsTable {
  id: Generated<number>;
  case_id: number;
  actor: string;
  action: string;
  reason: string;
  policy_version: string;
  created_at: number;
}

export interface CampaignsTable {
  id: Generated<number>;
  first_seen: number;
  last_seen: number;
  post_count: number;
  author_count: number;
  channel_count: number;
  created_at: number;
}

export interface CampaignKeysTable {
  /** `pii:<keyed hash>` or `lsh:<band>:<bucket>`; one campaign per key. */
  key: string;
  campaign_id: number;
}

export interface CampaignPostsTable {
  campaign_id: number;
  post_id: number;
  author_ref: string | null;
  channel: string | null;
  received_at: number;
}

/** Distinct authors or channels of a campaign: the primary key counts each once. */
export interface CampaignMembersTable {
  campaign_id: number;
  member: string;
}

export interface WatchlistPersonsTable {
  id: Generated<number>;
  /** An admin's reference for the person (case number, alias); not an identifier to protect. */
  label: string;
  created_at: number;
  removed_at: number | null;
}

export interface WatchlistIdentifiersTable {
  id: Generated<number>;
  person_id: number;
  field: string;
  key_id: string;
  /** HMAC-SHA256 of one canonical variant, hex. */
  hash: string;
}

export interface WatchlistHitsTable {
  id: Generated<number>;
  post_id: number;
  person_id: number;
  field: string;
  created_at: number;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: number;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

export interface RejectedPostsTable {
  id: Generated<number>;
  source: string;
  external_id: string | null;
  reason: string;
  size: number;
  received_at: number;
}

/** Reviewer and admin accounts (migration 0004). */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased; unique. */
  username: string;
  /** `reviewer` or `admin`. */
  role: string;
  /** argon2id, in PHC string format. */
  password_hash: string;
  created_by: string;
  created_at: number;
  /** Set when disabled: the account can no longer sign in and its sessions are gone. */
  disabled_at: number | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session id; the id itself lives only in the browser's cookie. */
  id_hash: string;
  /** `user` or `api-key` (a session opened with an API key acts as that key). */
  principal_kind: string;
  principal_id: string;
  /** `reviewer` or `admin`. */
  role: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  /** Absolute end, whatever the activity. */
  expires_at: number;
}

/** Failed sign-ins per username or client address, shared by every server process. */
export interface SignInThrottleTable {
  /** SHA-256 (hex) of `user:<username>` or `ip:<address>`. */
  key: string;
  failures: number;
  window_started_at: number;
  locked_until: number | null;
}

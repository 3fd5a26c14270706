/**
 * Webhook events: what Bulwark tells a platform, with ids and counts only — never post text,
 * identifiers, reasons typed by reviewers or anything else that could be personal data.
 */
export const WEBHOOK_EVENTS = ['case.created', 'action.decided', 'watchlist.hit', 'campaign.grown'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const isWebhookEventType = (t: string): t is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(t);

/** The platform's own reference to a post, so the receiver can act on it. */
export interface PostRef {
  readonly postId: number;
  readonly source: string;
  readonly externalId: string;
}

export interface CaseCreatedData extends PostRef {
  readonly caseId: number;
  readonly severity: string;
  readonly action: string;
  readonly labels: readonly string[];
  readonly campaignId: number | null;
  readonly watchlistHits: number;
}

export interface ActionDecidedData extends PostRef {
  readonly caseId: number;
  readonly decisionId: number;
  readonly action: string;
  readonly policyVersion: string;
}

export interface WatchlistHitData extends PostRef {
  readonly caseId: number;
  /** One entry per protected identifier found: the person's watchlist id and the kind of field. */
  readonly hits: readonly { readonly personId: number; readonly field: string }[];
}

export interface CampaignGrownData extends PostRef {
  readonly campaignId: number;
  readonly postCount: number;
  readonly authorCount: number;
  readonly channelCount: number;
}

export interface WebhookEventData {
  'case.created': CaseCreatedData;
  'action.decided': ActionDecidedData;
  'watchlist.hit': WatchlistHitData;
  'campaign.grown': CampaignGrownData;
}

export type WebhookEvent = { [T in WebhookEventType]: { readonly type: T; readonly data: WebhookEventData[T] } }[WebhookEventType];

/**
 * `campaign.grown` fires when a campaign's post count reaches 2 (a repost: it became a campaign),
 * 5, 10, 20, 50, 100, 200, 500, 1000 … — not on every post, so a mass repost is a handful of
 * events rather than a flood.
 */
export function isCampaignGrowthThreshold(postCount: number): boolean {
  if (postCount < 2 || !Number.isInteger(postCount)) return false;
  let scale = 1;
  while (scale * 10 <= postCount) scale *= 10;
  const lead = postCount / scale;
  return lead === 1 || lead === 2 || lead === 5;
}

/**
 * The JSON body POSTed to an endpoint — `{"id","type","createdAt" (epoch ms),"data"}` — the same
 * bytes on every attempt of a delivery.
 */
export function webhookBody(eventId: string, type: string, createdAt: number, dataJson: string): string {
  return `{"id":${JSON.stringify(eventId)},"type":${JSON.stringify(type)},"createdAt":${createdAt},"data":${dataJson}}`;
}

/** Default stream prefix; tests and side-by-side deployments pick their own (env BULWARK_NATS_PREFIX). */
export const DEFAULT_STREAM_PREFIX = 'BULWARK';

const PREFIX = /^[A-Z][\w-]{0,31}$/i;
const SUBJECT_KEY = /^[\w-]+$/;

/** Stream, subject and consumer names under one prefix, so several deployments share one NATS. */
export interface StreamNames {
  readonly prefix: string;
  /** Work-queue stream of posts to process. */
  readonly posts: string;
  readonly postsFilter: string;
  /** Dead letters: messages that failed for good, with their reason. */
  readonly dlq: string;
  readonly dlqFilter: string;
  /** The durable pull consumer all workers share. */
  readonly consumer: string;
  postsSubject(key: string): string;
  dlqSubject(key: string): string;
  /** The subject key of a message on the posts stream, if it has one. */
  keyOf(subject: string): string | undefined;
}

export function streamNames(prefix: string): StreamNames {
  if (!PREFIX.test(prefix)) throw new Error(`the stream prefix must be a letter followed by up to 31 letters, digits, "_" or "-", got "${prefix}"`);
  const postsBase = `${prefix}.posts.`;
  return {
    prefix,
    posts: `${prefix}_POSTS`,
    postsFilter: `${postsBase}*`,
    dlq: `${prefix}_DLQ`,
    dlqFilter: `${prefix}.dlq.*`,
    consumer: `${prefix.toLowerCase()}-workers`,
    postsSubject: (key) => postsBase + key,
    dlqSubject: (key) => `${prefix}.dlq.${key}`,
    keyOf: (subject) => {
      const key = subject.startsWith(postsBase) ? subject.slice(postsBase.length) : '';
      return SUBJECT_KEY.test(key) ? key : undefined;
    },
  };
}

/** A NATS URL for messages, with any password or token hidden. */
export const describeNatsUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@').replace(/\/\/[^:@/]+@/, '//***@');

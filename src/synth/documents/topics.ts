/**
 * The knowledge base the document generator writes about: topics -> sub-topics -> aspects. An aspect is the
 * "specific sub-topic" golden queries are judged on (grade 1 for every other document with a section on it); its
 * words dominate that section, the sub-topic's and topic's words are shared more widely, which is what makes
 * lexical retrieval imperfect: the words that discriminate are few and sit in one section of a long document.
 * Words are single word tokens (letters and digits), as the hashing embedder cuts them.
 */
export interface Aspect {
  /** the section heading */
  heading: string;
  words: readonly string[];
}

export interface Subtopic {
  name: string;
  words: readonly string[];
  aspects: readonly Aspect[];
}

export interface Topic {
  name: string;
  words: readonly string[];
  subtopics: readonly Subtopic[];
}

const words = (s: string): string[] => s.split(' ');
const sub = (name: string, w: string, aspects: string[]): Subtopic => ({
  name,
  words: words(w),
  aspects: aspects.map((a) => {
    const [heading, list] = a.split(': ') as [string, string];
    return { heading, words: words(list) };
  }),
});

export const TOPICS: readonly Topic[] = [
  { name: 'Authentication', words: words('login account session user credentials password'), subtopics: [
    sub('single sign-on', 'sso saml identity provider federation okta', [
      'Certificate rotation: certificate signing rotation expiry fingerprint renewal',
      'Clock skew: clock skew assertion timestamp drift notbefore',
      'Attribute mapping: attribute mapping claim email group nameid']),
    sub('two-factor authentication', '2fa mfa authenticator otp verification', [
      'Lost devices: lost phone recovery codes backup reset',
      'Time-based codes: totp code seconds sync authenticator app',
      'Enforcement policy: enforce policy admins grace period exemption']),
    sub('api keys', 'api key token secret scope', [
      'Key rotation: rotate revoke regenerate overlap expiry',
      'Scopes and permissions: scope permission readonly write least privilege',
      'Leaked keys: leaked exposed repository scanning compromised'])]},
  { name: 'Billing', words: words('billing invoice payment plan charge customer'), subtopics: [
    sub('invoices', 'invoice pdf statement receipt tax', [
      'Duplicate charges: duplicate charge twice refund pending',
      'Tax and VAT: vat tax exemption number jurisdiction',
      'Invoice delivery: email recipient copy download archive']),
    sub('subscriptions', 'subscription seat tier renewal upgrade', [
      'Proration: proration prorated credit midcycle difference',
      'Cancellation: cancel downgrade retention period data',
      'Seat limits: seats licence overage assign unused']),
    sub('payment methods', 'card bank transfer wallet payment', [
      'Declined cards: declined card issuer 3ds authentication',
      'Bank transfers: wire transfer iban reference reconciliation',
      'Card expiry: expired card update retry dunning'])]},
  { name: 'Networking', words: words('network connection traffic firewall latency'), subtopics: [
    sub('dns', 'dns domain record resolver nameserver', [
      'Propagation delays: propagation ttl cache delay resolver',
      'CNAME conflicts: cname apex alias conflict record',
      'DNSSEC validation: dnssec signature ds key validation']),
    sub('tls', 'tls ssl handshake cipher https', [
      'Handshake failures: handshake failure protocol version cipher',
      'Certificate chains: chain intermediate root trust bundle',
      'Mutual TLS: mutual client certificate mtls verification']),
    sub('load balancers', 'balancer listener target pool health', [
      'Health checks: health check probe unhealthy threshold interval',
      'Sticky sessions: sticky affinity cookie session pinning',
      'Idle timeouts: idle timeout keepalive connection reset'])]},
  { name: 'Storage', words: words('storage disk volume data capacity'), subtopics: [
    sub('object storage', 'bucket object upload prefix lifecycle', [
      'Multipart uploads: multipart part upload abort incomplete',
      'Lifecycle rules: lifecycle expiration transition archive glacier',
      'Public access: public acl policy block anonymous']),
    sub('backups', 'backup snapshot restore retention recovery', [
      'Point-in-time restore: pitr restore timestamp recovery window',
      'Snapshot schedules: snapshot schedule cron retention daily',
      'Cross-region copies: region copy replication disaster encryption']),
    sub('quotas', 'quota limit usage capacity growth', [
      'Quota increases: increase request approval limit raise',
      'Usage alerts: alert threshold notification usage percent',
      'Orphaned volumes: orphaned unattached volume cleanup cost'])]},
  { name: 'Deployment', words: words('deploy release build pipeline environment'), subtopics: [
    sub('rollbacks', 'rollback revert version previous release', [
      'Automatic rollback: automatic rollback metric alarm canary',
      'Database migrations: migration schema backward compatible revert',
      'Feature flags: flag toggle killswitch gradual rollout']),
    sub('containers', 'container image registry kubernetes pod', [
      'Image pull errors: pull image registry credentials backoff',
      'Resource limits: cpu memory limit oomkilled request',
      'Liveness probes: liveness readiness probe restart endpoint']),
    sub('ci pipelines', 'ci pipeline job runner artifact', [
      'Flaky tests: flaky test retry quarantine nondeterministic',
      'Build caching: cache layer dependency restore key',
      'Secrets in pipelines: secret variable masked vault injection'])]},
  { name: 'Email', words: words('email message mailbox delivery sender'), subtopics: [
    sub('deliverability', 'spam deliverability reputation bounce inbox', [
      'SPF and DKIM: spf dkim dmarc alignment txt',
      'Bounce handling: bounce hard soft suppression list',
      'Spam complaints: complaint feedback loop unsubscribe rate']),
    sub('templates', 'template layout variable rendering preview', [
      'Template variables: variable placeholder merge missing default',
      'Localised templates: locale translation fallback language',
      'Rendering in clients: outlook rendering css inline dark']),
    sub('inbound routing', 'inbound route forwarding parse webhook', [
      'Forwarding rules: forward rule alias catchall destination',
      'Attachment limits: attachment size limit megabytes rejected',
      'Parsing replies: reply parsing quoted thread signature'])]},
  { name: 'Mobile', words: words('mobile app device phone notification'), subtopics: [
    sub('push notifications', 'push notification apns fcm token', [
      'Expired device tokens: device token expired unregistered invalid',
      'Silent notifications: silent background payload priority',
      'Notification badges: badge count unread reset']),
    sub('app releases', 'store review release build submission', [
      'Store rejections: rejection guideline review appeal metadata',
      'Staged rollouts: staged percentage rollout halt crash',
      'Forced updates: minimum version forced update prompt']),
    sub('offline mode', 'offline sync cache conflict local', [
      'Sync conflicts: conflict merge last writer resolution',
      'Local cache size: cache size eviction storage cleanup',
      'Background sync: background fetch schedule battery'])]},
  { name: 'Data export', words: words('export report csv data download'), subtopics: [
    sub('scheduled exports', 'schedule export recurring destination job', [
      'Export failures: failed export retry partial error',
      'Destinations: destination sftp bucket warehouse credentials',
      'Time zones: timezone utc offset daylight boundary']),
    sub('large exports', 'large rows pagination chunked stream', [
      'Row limits: row limit truncated million split',
      'Compression: gzip compression archive zip size',
      'Streaming downloads: streaming download resume range']),
    sub('data formats', 'format column encoding delimiter schema', [
      'Character encoding: utf8 encoding bom excel garbled',
      'Date formats: date format iso8601 locale parsing',
      'Nested fields: nested json flatten array column'])]},
  { name: 'Integrations', words: words('integration connector sync partner webhook'), subtopics: [
    sub('webhooks', 'webhook endpoint event payload delivery', [
      'Signature verification: signature hmac secret header verify',
      'Retries and backoff: retry backoff exponential attempts dead',
      'Event ordering: ordering sequence duplicate idempotency']),
    sub('crm sync', 'crm salesforce hubspot contact field', [
      'Field mapping: field mapping custom picklist type',
      'Sync frequency: frequency interval realtime batch delay',
      'Duplicate contacts: duplicate contact merge dedupe match']),
    sub('oauth apps', 'oauth app authorization consent redirect', [
      'Redirect URIs: redirect uri mismatch callback localhost',
      'Refresh tokens: refresh token expiry revoked offline',
      'Consent screens: consent screen scopes verification publisher'])]},
  { name: 'Search', words: words('search index query results relevance'), subtopics: [
    sub('indexing', 'indexing crawler document ingest pipeline', [
      'Reindexing: reindex full incremental backlog alias',
      'Stale results: stale refresh interval lag freshness',
      'Field analysers: analyser tokenizer stemming stopwords']),
    sub('ranking', 'ranking score boost relevance tuning', [
      'Boosting fields: boost field weight title recency',
      'Synonyms: synonym list expansion equivalent terms',
      'Typo tolerance: typo fuzzy distance spelling correction']),
    sub('filters', 'filter facet attribute range sort', [
      'Facet counts: facet count aggregation approximate',
      'Range filters: range numeric price between inclusive',
      'Permission filters: permission acl visibility tenant'])]},
  { name: 'Monitoring', words: words('monitoring metrics alert dashboard incident'), subtopics: [
    sub('alerting', 'alert rule threshold notification oncall', [
      'Alert fatigue: noisy fatigue dedupe grouping silence',
      'Escalation policies: escalation policy pager rotation acknowledge',
      'Maintenance windows: maintenance window mute scheduled downtime']),
    sub('logs', 'log retention query ingestion parsing', [
      'Log retention: retention days archive cold tier',
      'Structured logging: structured json fields correlation id',
      'Ingestion limits: ingestion rate dropped sampling quota']),
    sub('tracing', 'trace span sampling latency service', [
      'Sampling rates: sampling rate head tail probability',
      'Missing spans: missing span propagation context header',
      'Latency breakdown: latency breakdown critical path waterfall'])]},
  { name: 'Account administration', words: words('admin organisation workspace member role'), subtopics: [
    sub('user provisioning', 'provisioning scim directory sync deprovision', [
      'SCIM errors: scim error conflict attribute schema',
      'Offboarding: offboarding deactivate transfer ownership',
      'Group sync: group sync nested membership mapping']),
    sub('roles and permissions', 'role permission access custom owner', [
      'Custom roles: custom role permission set inherit',
      'Owner transfer: owner transfer billing contact primary',
      'Guest access: guest external collaborator restricted']),
    sub('audit logs', 'audit log event actor trail', [
      'Audit exports: audit export siem stream retention',
      'Tamper evidence: tamper hash chain immutable integrity',
      'Login history: login history ip location suspicious'])]},
];

/** Every aspect in a fixed order, with its topic and sub-topic: aspect ids are indices into this list. */
export interface AspectRef {
  topic: Topic;
  subtopic: Subtopic;
  aspect: Aspect;
  topicIndex: number;
}

export const ASPECTS: readonly AspectRef[] = TOPICS.flatMap((topic, topicIndex) =>
  topic.subtopics.flatMap((subtopic) => subtopic.aspects.map((aspect) => ({ topic, subtopic, aspect, topicIndex }))),
);

/** Query-side replacements (paraphrase): a query says "cert" where the passage says "certificate". */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  certificate: ['cert'], rotation: ['rollover', 'change'], expiry: ['expiration', 'expires'], renewal: ['renew'],
  drift: ['offset'], timestamp: ['time'], mapping: ['map', 'mapped'], email: ['mail'], lost: ['missing', 'stolen'],
  phone: ['mobile', 'handset'], recovery: ['recover'], reset: ['clear'], code: ['pin'], enforce: ['require', 'mandatory'],
  rotate: ['roll', 'cycle'], revoke: ['disable', 'invalidate'], regenerate: ['recreate'], scope: ['access'],
  permission: ['rights', 'access'], leaked: ['exposed', 'published'], compromised: ['stolen', 'breached'],
  duplicate: ['double', 'repeated'], charge: ['payment', 'billed'], twice: ['two', 'double'], refund: ['money', 'reimburse'],
  tax: ['taxes'], exemption: ['exempt'], recipient: ['receiver', 'addressee'], download: ['get', 'fetch'],
  proration: ['partial'], credit: ['balance'], cancel: ['stop', 'end'], downgrade: ['lower', 'reduce'],
  seats: ['users', 'licences'], declined: ['rejected', 'refused'], card: ['creditcard'], transfer: ['payment'],
  expired: ['outdated', 'old'], update: ['change', 'replace'], propagation: ['spread', 'update'], delay: ['slow', 'late'],
  conflict: ['clash', 'collision'], validation: ['check', 'verify'], handshake: ['negotiation'], failure: ['error', 'failing'],
  chain: ['path'], intermediate: ['middle'], mutual: ['twoway'], client: ['caller'], health: ['status'],
  unhealthy: ['down', 'failing'], sticky: ['persistent'], affinity: ['stickiness'], idle: ['inactive'],
  timeout: ['timeouts', 'cutoff'], multipart: ['chunked'], abort: ['cancel'], expiration: ['expiry', 'deletion'],
  archive: ['cold'], public: ['open', 'world'], restore: ['recover', 'rollback'], snapshot: ['copy'],
  schedule: ['timetable', 'plan'], region: ['zone'], replication: ['mirror'], increase: ['raise', 'bump'],
  alert: ['alarm', 'warning'], orphaned: ['dangling', 'leftover'], cleanup: ['delete', 'remove'],
  automatic: ['auto'], migration: ['migrate'], flag: ['toggle', 'switch'], gradual: ['progressive'],
  pull: ['fetch', 'download'], memory: ['ram'], oomkilled: ['killed'], liveness: ['health'], restart: ['reboot'],
  flaky: ['intermittent', 'unstable'], quarantine: ['isolate'], cache: ['caching', 'reuse'], secret: ['credential', 'password'],
  bounce: ['bounced', 'returned'], complaint: ['report'], unsubscribe: ['optout'], variable: ['field', 'value'],
  placeholder: ['tag'], translation: ['translated', 'localized'], rendering: ['display', 'looks'], forward: ['redirect', 'relay'],
  attachment: ['file'], size: ['big', 'large'], reply: ['response', 'answer'], token: ['id'], silent: ['quiet', 'hidden'],
  badge: ['counter', 'icon'], rejection: ['rejected', 'denied'], rollout: ['release', 'deploy'], forced: ['mandatory', 'required'],
  merge: ['combine'], eviction: ['purge'], background: ['periodic'], failed: ['broken', 'failing'], destination: ['target'],
  timezone: ['zone', 'local'], truncated: ['cut', 'incomplete'], compression: ['compressed'], streaming: ['stream'],
  encoding: ['charset'], garbled: ['broken', 'weird'], nested: ['deep', 'hierarchical'], signature: ['signing', 'signed'],
  verify: ['validate', 'check'], retry: ['resend', 'again'], ordering: ['order', 'sequence'], idempotency: ['idempotent'],
  frequency: ['often', 'how'], contact: ['lead', 'person'], redirect: ['callback'], mismatch: ['wrong', 'invalid'],
  refresh: ['renew'], consent: ['approval', 'permission'], reindex: ['rebuild'], stale: ['old', 'outdated'],
  tokenizer: ['tokenization'], boost: ['weight', 'prioritise'], synonym: ['alias'], typo: ['misspelled', 'misspelling'],
  facet: ['category'], range: ['between', 'interval'], noisy: ['spammy', 'too'], escalation: ['escalate'],
  maintenance: ['planned'], retention: ['keep', 'kept'], structured: ['json'], dropped: ['lost', 'missing'],
  sampling: ['sampled'], missing: ['absent', 'lost'], latency: ['slow', 'slowness'], deactivate: ['disable', 'remove'],
  offboarding: ['leaver', 'departing'], custom: ['own', 'bespoke'], owner: ['ownership'], guest: ['visitor', 'outside'],
  tamper: ['tampering'], suspicious: ['unusual', 'strange'], history: ['record', 'past'],
};

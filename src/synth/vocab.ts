/** Names and words for realistic-looking rows. Tenants are listed by popularity (Zipf rank 1 first). */
export const TENANTS = [
  'acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'wonka',
  'tyrell', 'cyberdyne', 'soylent', 'aperture', 'vandelay', 'dunder', 'pied-piper', 'oscorp',
] as const;

export const LANGS = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

export const DOC_TYPES = ['faq', 'ticket', 'article', 'manual', 'chat', 'invoice'] as const;

export const WORDS: Record<Lang, readonly string[]> = {
  en: ['account', 'billing', 'invoice', 'password', 'reset', 'order', 'shipping', 'delay', 'refund', 'warranty',
    'install', 'update', 'error', 'login', 'subscription', 'plan', 'upgrade', 'cancel', 'support', 'device',
    'network', 'storage', 'limit', 'quota', 'export', 'report', 'dashboard', 'api', 'token', 'webhook', 'the',
    'a', 'to', 'for', 'with', 'after', 'cannot', 'please', 'customer', 'issue'],
  de: ['Konto', 'Rechnung', 'Passwort', 'zurücksetzen', 'Bestellung', 'Versand', 'Verzögerung', 'Rückerstattung',
    'Garantie', 'Installation', 'Aktualisierung', 'Fehler', 'Anmeldung', 'Abonnement', 'kündigen', 'Gerät',
    'Speicher', 'Grenze', 'Bericht', 'Übersicht', 'der', 'die', 'das', 'für', 'mit', 'nach', 'nicht', 'bitte',
    'Kunde', 'Größe'],
  fr: ['compte', 'facture', 'mot', 'passe', 'réinitialiser', 'commande', 'livraison', 'retard', 'remboursement',
    'garantie', 'installation', 'mise', 'à', 'jour', 'erreur', 'connexion', 'abonnement', 'résilier', 'appareil',
    'réseau', 'stockage', 'limite', 'rapport', 'le', 'la', 'les', 'pour', 'avec', 'après', 'été', 'client', 'problème'],
  es: ['cuenta', 'factura', 'contraseña', 'restablecer', 'pedido', 'envío', 'retraso', 'reembolso', 'garantía',
    'instalación', 'actualización', 'error', 'inicio', 'sesión', 'suscripción', 'cancelar', 'dispositivo', 'red',
    'almacenamiento', 'límite', 'informe', 'el', 'la', 'los', 'para', 'con', 'después', 'cliente', 'problema'],
  ja: ['アカウント', '請求書', 'パスワード', 'リセット', '注文', '配送', '遅延', '返金', '保証', 'インストール',
    '更新', 'エラー', 'ログイン', '定期購読', '解約', '端末', 'ネットワーク', '容量', '上限', 'レポート', 'の', 'を',
    'に', 'が', 'できません', 'お願いします', 'お客様', '問題'],
};

/** fragments in several scripts for the mixed-script edge case */
export const MIXED_SCRIPT_PARTS = [
  'Invoice', '請求書', 'счёт-фактура', 'فاتورة', 'חשבונית', 'ใบแจ้งหนี้', 'Rechnung', '🚀', '✅', 'Ελληνικά',
  '인보이스', 'naïve café', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'देवनागरी',
] as const;

export const SHORT_TEXTS = ['ok', '?', 'hi', 'x', 'no', 'k'] as const;
export const BLANK_TEXTS = ['', ' ', '   ', '\t', ' \t  '] as const;

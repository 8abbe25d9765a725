/**
 * Sentence frames per language. `{a}` and `{b}` take words of the section's aspect, `{s}` a sub-topic word, `{d}`
 * a detail (error code, setting name, incident id), `{e}` the component the section is about (a code name and
 * a noun: what makes a passage specific), `{T}` the topic name. Technical terms stay English in every
 * language, as on many localised support sites, so a query and a passage share terms across languages too.
 */
import type { DocLang } from './vocab.js';

export interface LanguagePhrases {
  /** sentences about one aspect */
  aspect: readonly string[];
  /** the `aspect` frames that name the component (`{e}`): a section's first sentence is one of them */
  componentFrames: readonly string[];
  /** filler that belongs to no aspect (introductions, boilerplate) */
  generic: readonly string[];
  /** headings of the sections that carry no aspect */
  genericHeadings: readonly string[];
  /** query frames; `{x}` takes the query words */
  queries: readonly string[];
  runbookTitle: string;
  faqTitle: string;
  question: string;
}

const FRAMES: Record<DocLang, Omit<LanguagePhrases, 'componentFrames'>> = {
  en: {
    aspect: [
      'If the {a} step fails on the {e}, check the {b} settings before you contact support.',
      'The {s} service logs every {a} event together with the {b} value, for example {d}.',
      'Most {a} problems on the {e} come from a {b} that was changed outside the {s} console.',
      'To confirm that {a} works for the {e}, open the {T} settings and review the {b} field.',
      'When you see {d}, the {a} could not be completed because the {b} is invalid.',
      'Admins can change the {a} behaviour per workspace; the default {b} applies otherwise.',
      'After a {b} change, allow up to fifteen minutes before testing the {a} on the {e} again.',
      'We recommend documenting the {a} procedure and the {b} owner in your runbook.',
      'The error {d} means the {e} rejected the {s} {a}; retry once the {b} is corrected.',
      'Customers on older plans may notice that {a} and {b} behave differently.',
      'Run the {a} check from the command line with {d} to print the current {b}.',
      'A {b} mismatch on the {e} is the usual cause when {a} works for some users but not for others.',
      'Set {d} only if the {a} has to ignore the {b} during a migration.',
      'The {a} report lists each {b} with its last change and the user who made it.',
    ],
    generic: [
      'This article applies to all {T} plans unless stated otherwise.',
      'Keep a record of any change so that it can be reviewed later.',
      'Contact your account team if the steps below do not match what you see.',
      'Screens may look slightly different depending on your browser and region.',
      'Changes take effect for new activity; existing items keep their settings.',
      'Our status page lists ongoing incidents that may affect these features.',
      'You need the administrator role in the workspace to follow this guide.',
      'Allow a few minutes for the change to reach every region.',
    ],
    genericHeadings: ['Overview', 'Before you begin', 'Related articles', 'Contact support', 'Known limitations'],
    queries: ['how do I fix {x}', '{x} not working', 'why does {x} fail', '{x} help', 'what causes {x}', '{x}', 'steps for {x}', 'cannot get {x} to work'],
    runbookTitle: 'Runbook: {T} operations',
    faqTitle: '{T}: frequently asked questions',
    question: 'What should I do about {a} and {b}?',
  },
  de: {
    aspect: [
      'Wenn der Schritt {a} auf {e} fehlschlägt, prüfen Sie die Einstellungen für {b}.',
      'Der Dienst {s} protokolliert jedes Ereignis zu {a} mit dem Wert {b}, zum Beispiel {d}.',
      'Die meisten Probleme mit {a} auf {e} entstehen durch eine geänderte {b} außerhalb der Konsole.',
      'Die Fehlermeldung {d} bedeutet, dass {a} abgelehnt wurde; korrigieren Sie zuerst {b}.',
      'Nach einer Änderung an {b} dauert es bis zu fünfzehn Minuten, bis {a} auf {e} wieder funktioniert.',
      'Administratoren können das Verhalten von {a} und {b} pro Arbeitsbereich ändern.',
    ],
    generic: [
      'Dieser Artikel gilt für alle Tarife von {T}, sofern nicht anders angegeben.',
      'Wenden Sie sich an den Support, wenn die Schritte nicht mit Ihrer Ansicht übereinstimmen.',
      'Änderungen gelten für neue Vorgänge; bestehende Einträge behalten ihre Einstellungen.',
    ],
    genericHeadings: ['Überblick', 'Voraussetzungen', 'Weitere Artikel'],
    queries: ['wie behebe ich {x}', '{x} funktioniert nicht', '{x} Fehler'],
    runbookTitle: 'Betriebshandbuch: {T}',
    faqTitle: '{T}: häufige Fragen',
    question: 'Was tun bei {a} und {b}?',
  },
  fr: {
    aspect: [
      "Si l'étape {a} échoue sur {e}, vérifiez les paramètres de {b} avant de contacter le support.",
      'Le service {s} enregistre chaque événement {a} avec la valeur {b}, par exemple {d}.',
      "La plupart des problèmes de {a} sur {e} viennent d'un {b} modifié en dehors de la console.",
      "L'erreur {d} signifie que {a} a été refusé ; corrigez d'abord {b}.",
      'Après une modification de {b}, attendez quinze minutes avant de tester {a} sur {e} à nouveau.',
      'Les administrateurs peuvent modifier le comportement de {a} et {b} pour chaque espace.',
    ],
    generic: [
      "Cet article s'applique à toutes les offres {T}, sauf indication contraire.",
      'Contactez le support si les étapes ci-dessous ne correspondent pas à votre écran.',
      "Les modifications s'appliquent aux nouvelles opérations ; les éléments existants sont conservés.",
    ],
    genericHeadings: ['Présentation', 'Avant de commencer', 'Articles liés'],
    queries: ['comment corriger {x}', '{x} ne fonctionne pas', 'problème {x}'],
    runbookTitle: "Manuel d'exploitation : {T}",
    faqTitle: '{T} : questions fréquentes',
    question: 'Que faire en cas de {a} et {b} ?',
  },
  es: {
    aspect: [
      'Si el paso {a} falla en {e}, revise la configuración de {b} antes de contactar con soporte.',
      'El servicio {s} registra cada evento de {a} con el valor {b}, por ejemplo {d}.',
      'La mayoría de los problemas de {a} en {e} se deben a un {b} modificado fuera de la consola.',
      'El error {d} indica que {a} fue rechazado; corrija primero {b}.',
      'Después de cambiar {b}, espere quince minutos antes de probar {a} en {e} de nuevo.',
      'Los administradores pueden cambiar el comportamiento de {a} y {b} en cada espacio.',
    ],
    generic: [
      'Este artículo se aplica a todos los planes de {T}, salvo que se indique lo contrario.',
      'Contacte con soporte si los pasos no coinciden con lo que ve en pantalla.',
      'Los cambios se aplican a las operaciones nuevas; los elementos existentes se conservan.',
    ],
    genericHeadings: ['Descripción general', 'Antes de empezar', 'Artículos relacionados'],
    queries: ['cómo solucionar {x}', '{x} no funciona', 'problema con {x}'],
    runbookTitle: 'Manual de operaciones: {T}',
    faqTitle: '{T}: preguntas frecuentes',
    question: '¿Qué hacer con {a} y {b}?',
  },
  ja: {
    aspect: [
      '{e} で {a} の手順が失敗した場合は、サポートに連絡する前に {b} の設定を確認してください。',
      '{s} サービスは {a} のイベントを {b} の値とともに記録します（例: {d}）。',
      '{e} の {a} の問題の多くは、コンソール外で変更された {b} が原因です。',
      'エラー {d} は {a} が拒否されたことを示します。まず {b} を修正してください。',
      '{b} を変更した後、{e} で {a} を再度テストするまで十五分ほどお待ちください。',
      '管理者はワークスペースごとに {a} と {b} の動作を変更できます。',
    ],
    generic: [
      'この記事は、特に記載がない限り、すべての {T} プランに適用されます。',
      '以下の手順が画面と一致しない場合は、サポートにお問い合わせください。',
      '変更は新しい操作に適用され、既存の項目は設定を保持します。',
    ],
    genericHeadings: ['概要', '始める前に', '関連記事'],
    queries: ['{x} が動かない', '{x} の直し方', '{x} エラー'],
    runbookTitle: '運用手順書: {T}',
    faqTitle: '{T}: よくある質問',
    question: '{a} と {b} について何をすればよいですか？',
  },
};

export const PHRASES = Object.fromEntries(
  Object.entries(FRAMES).map(([lang, p]) => [lang, { ...p, componentFrames: p.aspect.filter((f) => f.includes('{e}')) }]),
) as unknown as Record<DocLang, LanguagePhrases>;

/** Fragments in several scripts (with emoji) for the mixed-script edge case. */
export const MIXED_SCRIPT_LINES = [
  'Счёт-фактура не отправлена клиенту. 🚀',
  'فاتورة العميل لم تصل بعد.',
  'החשבונית נשלחה שוב ✅',
  '请求书の再発行をお願いします。',
  'Ελληνικά: ο λογαριασμός είναι ενεργός.',
  '인보이스가 두 번 청구되었습니다.',
  'ใบแจ้งหนี้ถูกส่งแล้ว',
  'देवनागरी में संदेश: खाता सक्रिय है।',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 naïve café — façade',
];

export const SHORT_TEXTS = ['ok', 'TBD', 'see above', 'n/a', 'draft', '?'];
export const BLANK_TEXTS = ['', ' ', '\n\n', '\t '];

/** Components a section is about: code name x noun (the words that make one passage different from another). */
export const CODE_NAMES = [
  'orion', 'falcon', 'atlas', 'nimbus', 'vega', 'juniper', 'cobalt', 'quartz', 'helix', 'nova', 'aurora', 'zephyr',
  'titan', 'lumen', 'ember', 'sable', 'onyx', 'polaris', 'cirrus', 'kestrel', 'marlin', 'osprey', 'raven', 'sparrow',
  'lynx', 'badger', 'otter', 'heron', 'condor', 'saffron', 'basalt', 'granite', 'willow', 'cedar', 'aspen', 'maple',
  'tundra', 'mesa', 'fjord', 'delta', 'comet', 'meteor', 'photon', 'quasar', 'pulsar', 'neutron', 'argon', 'xenon',
];
export const COMPONENT_NOUNS = ['gateway', 'worker', 'scheduler', 'connector', 'portal', 'agent', 'proxy', 'cluster', 'console', 'bridge', 'relay', 'vault', 'ledger', 'hub', 'daemon'];

// Hot words of the period's titles (三、热点问题).
export const HOT_WORDS_N = 20;
/** Hot words are computed from at most this many titles, sampled evenly over the period. */
export const HOT_WORDS_SAMPLE = 20_000;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Words that say nothing about the matter. */
const STOP_WORDS = new Set([
  '问题', '反映', '反应', '市民', '来电', '咨询', '投诉', '举报', '建议', '求助', '表扬', '要求', '希望', '处理', '解决',
  '请求', '关于', '相关', '情况', '进行', '没有', '已经', '一个', '我们', '他们', '你们', '现在', '目前', '表示', '本人',
  '请问', '如何', '怎么', '什么', '是否', '可以', '能否', '为什么', '无法', '不能', '存在', '有关', '部门', '工作', '需要',
  '诉求', '其他', '以及', '还是', '这个', '那个', '一直', '多次', '导致', '影响', '严重', '附近', '周边', '位于', '时间',
]);

/**
 * The most frequent words of the titles (each word counted once per title): Intl.Segmenter('zh')
 * word segments of two or more characters, minus a stop list and anything with digits; falls back to
 * character bigrams where the runtime has no Chinese segmenter.
 */
export function hotWords(titles: readonly string[], n = HOT_WORDS_N): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  const step = titles.length > HOT_WORDS_SAMPLE ? titles.length / HOT_WORDS_SAMPLE : 1;
  const seg = segmenter();
  const seen = new Set<string>();
  for (let i = 0; i < titles.length; i += step) {
    const title = titles[Math.floor(i)] ?? '';
    seen.clear();
    for (const w of words(title, seg)) {
      if (w.length < 2 || STOP_WORDS.has(w) || /\d/.test(w) || seen.has(w)) continue;
      seen.add(w);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .filter(([, c]) => c >= 2 || titles.length < 2)
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
    .slice(0, n)
    .map(([word, count]) => ({ word, count }));
}

let segCache: Intl.Segmenter | null | undefined;
function segmenter(): Intl.Segmenter | null {
  if (segCache === undefined) {
    try {
      const sg = new Intl.Segmenter('zh', { granularity: 'word' });
      // A runtime without Chinese dictionaries returns one segment per character.
      const parts = [...sg.segment('道路积水')].filter((p) => p.isWordLike);
      segCache = parts.length < 4 ? sg : null;
    } catch {
      segCache = null;
    }
  }
  return segCache;
}

function* words(title: string, seg: Intl.Segmenter | null): Generator<string> {
  if (seg) {
    // ICU's dictionary leaves many two-character words in single characters (社|保, 扰|民): a run
    // of single-character segments contributes its character bigrams as well.
    let run = '';
    for (const p of seg.segment(title)) {
      if (p.isWordLike && p.segment.length === 1 && /[\u4e00-\u9fff]/.test(p.segment)) {
        run += p.segment;
        continue;
      }
      for (let i = 0; i + 2 <= run.length; i++) yield run.slice(i, i + 2);
      run = '';
      if (p.isWordLike) yield p.segment;
    }
    for (let i = 0; i + 2 <= run.length; i++) yield run.slice(i, i + 2);
    return;
  }
  for (const run of title.match(/[\u4e00-\u9fff]+/g) ?? []) for (let i = 0; i + 2 <= run.length; i++) yield run.slice(i, i + 2);
}


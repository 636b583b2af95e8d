// Deterministic fake 12345 work orders for 云溪区: the sample files (make-samples.mjs) and the
// benchmark (a million-row CSV) both come from here. Plain Node ESM, no dependencies.
//
//   import { generateRows, CITY_HEADERS, FIELD_ORDER, csvLine } from './generate.mjs';
//   for (const row of generateRows(1_000_000, 42)) out.write(csvLine(FIELD_ORDER.map((f) => row[f])));
//
// Rows come out in order of time received, spread over the 4 weeks before 2026-11-20
// (2026-10-23 .. 2026-11-20), fewer on weekends, some after hours; numbers are
// 'YX' + day received (YYYYMMDD) + a 5-digit sequence of that day ('YX2026110300012').

/** Our fields in the column order of the city's export. */
export const FIELD_ORDER = [
  'no',
  'received_at',
  'channel',
  'type',
  'category',
  'urgency',
  'citizen',
  'phone',
  'address',
  'town',
  'title',
  'content',
  'deadline',
  'instructions',
];

/** The city's Chinese headers (DOMAIN.md "Import files"). */
export const CITY_HEADERS = {
  no: '工单编号',
  received_at: '受理时间',
  channel: '来源渠道',
  type: '诉求类型',
  category: '业务分类',
  urgency: '紧急程度',
  citizen: '诉求人',
  phone: '联系电话',
  address: '事发地址',
  town: '所属街镇',
  title: '诉求标题',
  content: '诉求内容',
  deadline: '办理时限',
  instructions: '交办意见',
};

export const FIRST_DAY = '2026-10-23';
export const LAST_DAY = '2026-11-20';

export const TOWNS = [
  '城关街道',
  '东湖街道',
  '西苑街道',
  '南山街道',
  '北塘街道',
  '新桥镇',
  '白沙镇',
  '青石镇',
  '柳河镇',
  '金港镇',
  '梅林镇',
  '望江镇',
];
/** A town the directory does not know (the city writes it so for orders from the development zone). */
export const UNKNOWN_TOWN = '云溪经济开发区';

const STREETS = {
  城关街道: ['人民路', '解放街', '府前路', '鼓楼巷', '中山路'],
  东湖街道: ['东湖路', '湖滨大道', '映月路', '荷花街'],
  西苑街道: ['西苑路', '文昌路', '学府街', '枫林路'],
  南山街道: ['南山路', '翠屏路', '松风街', '南环路'],
  北塘街道: ['北塘路', '塘北街', '运河路', '仓前巷'],
  新桥镇: ['新桥大街', '桥东路', '工业路'],
  白沙镇: ['白沙路', '沙洲街', '滨江路'],
  青石镇: ['青石街', '石桥路', '山前路'],
  柳河镇: ['柳河路', '河东街', '柳岸路'],
  金港镇: ['金港大道', '港湾路', '物流路'],
  梅林镇: ['梅林路', '梅园街', '林场路'],
  望江镇: ['望江路', '江堤街', '观潮路'],
  云溪经济开发区: ['创业大道', '科技路', '开发区一路'],
};
const ESTATES = ['幸福里小区', '阳光花园', '锦绣家园', '御景苑', '和平新村', '丽水湾', '金色港湾', '翠竹苑', '东方名城', '绿城桂花园', '紫荆公寓', '滨江花苑'];
const VILLAGES = ['张家村', '李家湾村', '前进村', '新塘村', '石门村', '杨柳村', '大王庄村', '下沙村'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈'.split('');
const CHANNELS = [
  ['12345热线', 70],
  ['政府网站', 8],
  ['微信公众号', 12],
  ['手机APP', 6],
  ['人民网留言板', 2],
  ['市长信箱', 2],
];
// The type follows the matter: questions are 咨询, wrongdoing is mostly 举报, a broken service
// mostly 求助, the rest mostly 投诉 (so 投诉 and 求助 lead, 咨询 next, as on real hotlines).
const TYPE_MIX = {
  report: [['举报', 70], ['投诉', 30]],
  help: [['求助', 60], ['投诉', 35], ['其他', 5]],
  complaint: [['投诉', 58], ['求助', 20], ['咨询', 12], ['建议', 8], ['其他', 2]],
};
function typeFor(rand, title) {
  if (title.includes('咨询')) return '咨询';
  if (title.startsWith('表扬')) return '表扬';
  if (title.startsWith('建议')) return '建议';
  if (/违法|无证|偷排|违规|骗取|拒载/.test(title)) return weighted(rand, TYPE_MIX.report);
  if (/欠薪|拖欠|停水|停电|路灯|井盖|滑坡|堵塞|退费|退还|未发放|浑浊|办不下来|破损|坑洼/.test(title)) return weighted(rand, TYPE_MIX.help);
  return weighted(rand, TYPE_MIX.complaint);
}
const INSTRUCTIONS = [
  '请按职责核实处理，并在规定时限内答复市民。',
  '请属地街镇会同相关部门现场核查，依法依规处理并回复。',
  '市民反映问题较急，请尽快联系市民并处理。',
  '请核实情况，做好解释工作，及时反馈办理结果。',
  '该问题市民多次反映，请高度重视，切实解决。',
  '请按“接诉即办”要求办理，办结后录入答复意见。',
];

// Per category: [title, content] templates; {addr} {place} {n} {time} {school} are filled in.
const TOPICS = {
  城乡建设: [
    ['夜间施工噪音扰民', '{addr}附近工地每天晚上{time}以后仍在施工，打桩机、搅拌车声音很大，影响周边居民休息，家里有老人小孩，请相关部门查处夜间违规施工。'],
    ['建筑工地扬尘严重', '{addr}旁边的建筑工地未做围挡覆盖，刮风时尘土飞扬，路面全是泥浆，希望督促施工单位落实防尘措施。'],
    ['道路开挖后长期未恢复', '{addr}门口道路因管网施工开挖已有{n}天，至今没有恢复，行人和电动车通行困难，请尽快修复路面。'],
    ['小区外墙瓷砖脱落', '{place}外墙瓷砖脱落，已经砸坏楼下一辆车，存在安全隐患，请相关部门督促物业和开发商维修。'],
  ],
  市场监管: [
    ['超市销售过期食品', '市民在{addr}一家超市购买的牛奶已经过期{n}天，要求商家退货被拒绝，请市场监管部门查处。'],
    ['商家拒不退还预付卡余额', '市民在{addr}的健身房办理预付卡，现门店关门，卡内余额{n}00元无法退还，请协调处理。'],
    ['餐馆卫生条件差', '{addr}附近一家小餐馆后厨卫生条件很差，有老鼠出没，市民就餐后出现腹泻，请相关部门检查。'],
    ['网购商品质量问题投诉', '市民通过本地商家网店购买的电热水壶使用{n}次即漏电，商家拒绝售后，请求处理。'],
  ],
  生态环境: [
    ['企业夜间偷排废气', '{addr}附近的工厂每天夜里{time}左右排放刺鼻气体，周边居民不敢开窗，怀疑偷排，请环保部门夜间检查。'],
    ['河道水质发黑发臭', '{addr}旁边的河道近期水质发黑，有明显臭味，还有死鱼漂浮，请查明污染源。'],
    ['餐饮油烟扰民', '{place}楼下餐饮店油烟直排，未安装油烟净化设备，油烟进入居民家中，请相关部门处理。'],
  ],
  交通运输: [
    ['公交车到站不停', '市民反映{n}路公交车在{addr}站台经常不停靠，司机态度差，请公交公司核实整改。'],
    ['道路坑洼影响通行', '{addr}路面坑洼严重，下雨积水，已有电动车摔倒，请尽快修补。'],
    ['出租车拒载绕路', '市民在{addr}乘坐出租车，司机拒绝打表并绕路，多收费用{n}0元，请运管部门查处。'],
  ],
  人社: [
    ['欠薪', '市民在{addr}的一家装修公司工作，公司拖欠{n}个月工资共计{n}万余元，多次讨要无果，请求帮助追讨。'],
    ['农民工工资被拖欠', '市民等{n}名农民工在{addr}工地务工，工程结束后包工头拖欠工资，请劳动监察部门介入。'],
    ['社保缴费基数咨询', '市民咨询灵活就业人员社保缴费基数如何选择、在哪里办理，以及断缴后能否补缴。'],
    ['单位不签劳动合同', '市民在{addr}一家餐饮企业工作{n}个月，单位一直不签订劳动合同也不缴纳社保，请相关部门处理。'],
  ],
  教育: [
    ['学校收费', '市民反映{school}以资料费名义向每名学生收取{n}00元，未提供收费依据，请核实是否违规收费。'],
    ['校外培训机构退费难', '{addr}的一家校外培训机构突然停课，已交学费{n}000元无法退还，请求协调退费。'],
    ['咨询新学期转学手续', '市民因工作调动到本区，咨询孩子转入{school}需要准备哪些材料、到哪里办理。'],
    ['学校门口交通拥堵', '{school}门口上下学时段车辆乱停乱放，交通拥堵，存在安全隐患，建议增派交警疏导。'],
  ],
  卫健: [
    ['诊所无证行医', '{addr}附近有一家诊所疑似无证行医，给病人输液，存在安全隐患，请卫健部门核查。'],
    ['医院就诊排队时间长', '市民在区人民医院就诊排队超过{n}小时，挂号缴费窗口开放太少，建议优化就诊流程。'],
    ['咨询疫苗接种时间', '市民咨询孩子接种流感疫苗需要到哪个社区卫生服务中心，是否需要预约。'],
  ],
  住房: [
    ['物业服务差', '{place}物业公司长期不作为，楼道堆放杂物无人清理，电梯经常故障，业主多次反映无果。'],
    ['房产证迟迟办不下来', '市民在{place}购房已交房{n}年，开发商至今未办理不动产权证，请相关部门督促。'],
    ['公共维修资金使用咨询', '{place}屋顶漏水，业主咨询如何申请使用住宅专项维修资金，需要哪些手续。'],
  ],
  水电气暖: [
    ['小区停水', '{place}从今天早上开始停水，事先没有任何通知，目前仍未恢复，居民生活受到影响，请尽快处理。'],
    ['频繁停电', '{addr}一带近一周已停电{n}次，每次数小时，家里冰箱食物变质，请供电公司查明原因。'],
    ['燃气费收费异常', '市民家中上月燃气费比往常多出{n}倍，怀疑燃气表故障，请燃气公司上门检查。'],
    ['自来水水质浑浊', '{place}自来水出水发黄浑浊，有异味，请供水公司检测水质。'],
  ],
  城市管理: [
    ['路灯不亮', '{addr}一段路灯已有{n}天不亮，晚上一片漆黑，行人出行不安全，请尽快维修。'],
    ['占道经营', '{addr}路口每天傍晚有大量流动摊贩占道经营，堵塞交通、垃圾遍地，请城管部门整治。'],
    ['垃圾清运不及时', '{place}垃圾桶满溢{n}天无人清运，异味很大，蚊蝇滋生，请环卫部门处理。'],
    ['噪音扰民', '{addr}广场每晚有广场舞音响声音很大，持续到{time}以后，影响周边居民休息。'],
    ['井盖缺失', '{addr}人行道上一个井盖缺失，只用树枝挡着，夜间极易发生危险，请尽快补装。'],
  ],
  民政: [
    ['低保申请咨询', '市民家中有重病患者，收入较低，咨询申请最低生活保障需要什么条件和材料。'],
    ['高龄津贴未发放', '市民父亲已满{n}0周岁，高龄津贴已{n}个月未到账，请核实原因。'],
    ['养老院服务问题', '市民反映{addr}一家养老院护理人员不足，老人得不到及时照顾，请民政部门监督检查。'],
  ],
  公共安全: [
    ['电动车楼道充电', '{place}有住户将电动车推入楼道充电，存在严重火灾隐患，物业劝阻无效，请相关部门处理。'],
    ['消防通道被占用', '{place}消防通道长期被私家车占用，一旦发生火灾消防车无法进入，请处理。'],
    ['噪音扰民', '{place}楼上住户每天深夜{time}以后大声喧哗、拖动家具，多次沟通无果，请求派出所处理。'],
  ],
  农业农村: [
    ['农村道路破损', '{village}通往镇上的村道破损严重，坑洼不平，村民出行不便，希望列入修缮计划。'],
    ['农田灌溉渠堵塞', '{village}灌溉水渠淤塞，影响{n}十亩农田灌溉，请求协调疏通。'],
    ['咨询农业补贴发放', '{village}村民咨询今年的耕地地力保护补贴什么时候发放、标准是多少。'],
  ],
  自然资源: [
    ['违法占用耕地建房', '{village}有人在基本农田上违法建房，已经打好地基，请自然资源部门制止查处。'],
    ['山体滑坡隐患', '{village}后山近期出现裂缝，下雨后有落石，附近住户担心发生滑坡，请求派人查看。'],
  ],
  医疗保障: [
    ['医保报销', '市民在外地住院花费{n}万元，回本区办理医保异地就医报销时被告知材料不全，咨询具体需要哪些材料。'],
    ['门诊慢特病申请咨询', '市民患有高血压、糖尿病，咨询如何申请门诊慢特病待遇，报销比例是多少。'],
    ['药店医保卡违规刷卡', '{addr}一家药店用医保卡刷生活用品，涉嫌骗取医保基金，请医保部门查处。'],
  ],
  其他: [
    ['表扬社区工作人员', '市民表扬{place}所在社区工作人员耐心细致，帮助独居老人办理相关手续，特此致谢。'],
    ['咨询户籍迁移手续', '市民咨询子女随迁落户本区需要准备哪些材料，到哪里办理。'],
    ['建议增设公共厕所', '{addr}附近人流量大但没有公共厕所，建议相关部门增设。'],
  ],
};
const CATEGORY_WEIGHTS = [
  ['城市管理', 16],
  ['城乡建设', 10],
  ['市场监管', 9],
  ['水电气暖', 9],
  ['人社', 8],
  ['住房', 8],
  ['生态环境', 7],
  ['交通运输', 7],
  ['教育', 6],
  ['公共安全', 5],
  ['卫健', 4],
  ['医疗保障', 4],
  ['民政', 3],
  ['农业农村', 2],
  ['自然资源', 1],
  ['其他', 1],
];
const SCHOOLS = ['云溪区实验小学', '城关中学', '东湖小学', '云溪二中', '南山幼儿园', '新桥镇中心小学'];
const EXTRA_LINES = ['\n联系时请先发短信。', '\n另：此前已向物业反映过，没有结果。', '\n希望尽快回复，谢谢！'];

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function weighted(rand, pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [v, w] of pairs) {
    x -= w;
    if (x < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function weekday(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The days of the sample period with their relative volume (weekends lighter). */
export function sampleDays() {
  const days = [];
  for (let d = FIRST_DAY; d <= LAST_DAY; d = addDays(d, 1)) {
    const wd = weekday(d);
    days.push([d, wd === 0 || wd === 6 ? 0.45 : 1]);
  }
  return days;
}

/** n split over the days by weight (largest remainder): deterministic, sums to n. */
function perDay(n) {
  const days = sampleDays();
  const total = days.reduce((s, [, w]) => s + w, 0);
  const exact = days.map(([, w]) => (n * w) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return days.map(([d], i) => [d, counts[i]]);
}

/** Seconds after midnight: mostly office hours, some evenings, a few at night. */
function timeOfDay(rand) {
  const r = rand();
  let h;
  if (r < 0.86) h = 8 + rand() * 10; // 08:00-18:00
  else if (r < 0.96) h = 18 + rand() * 5; // evening
  else h = (23 + rand() * 9) % 24; // 23:00-08:00
  return Math.floor(h * 3600);
}

function fmtTime(day, secs) {
  return `${day} ${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
}

function mobile(rand) {
  const second = pick(rand, ['3', '5', '7', '8', '9', '3', '5', '8']);
  let s = `1${second}`;
  for (let i = 0; i < 9; i++) s += Math.floor(rand() * 10);
  return s;
}

function fill(rand, template, ctx) {
  return template
    .replaceAll('{addr}', ctx.addr)
    .replaceAll('{place}', ctx.place)
    .replaceAll('{village}', ctx.village)
    .replaceAll('{school}', ctx.school)
    .replaceAll('{time}', pick(rand, ['22点', '23点', '晚上11点', '凌晨1点', '夜里12点']))
    .replace(/\{n\}/g, () => String(2 + Math.floor(rand() * 7)));
}

/**
 * Yield n orders (objects keyed by FIELD_ORDER, all strings, '' when empty), in order of time
 * received, deterministic for (n, seed). Memory stays small whatever n (one day's times at a time).
 * About 10 % carry a city deadline (办理时限), a few are repeats (same phone within days, or the
 * same town + category with near-identical content), one in ~150 is in 云溪经济开发区.
 */
export function* generateRows(n, seed = 20261120) {
  const rand = prng(seed);
  const recent = []; // last rows, for repeats
  let index = 0;
  for (const [day, count] of perDay(n)) {
    const times = Array.from({ length: count }, () => timeOfDay(rand)).sort((a, b) => a - b);
    for (let seq = 1; seq <= count; seq++) {
      const secs = times[seq - 1];
      const received = fmtTime(day, secs);
      const townPick = index % 149 === 77 ? UNKNOWN_TOWN : pick(rand, TOWNS);
      let category = weighted(rand, CATEGORY_WEIGHTS);
      let [title, contentT] = pick(rand, TOPICS[category]);
      let type = typeFor(rand, title);
      const ru = rand();
      const urgency = ru < 0.006 ? '特急' : ru < 0.04 ? '紧急' : '一般';
      const surname = pick(rand, SURNAMES);
      let citizen = rand() < 0.03 ? '匿名' : `${surname}${rand() < 0.52 ? '先生' : '女士'}`;
      let phone = rand() < 0.06 ? `0571-8${String(Math.floor(rand() * 1e7)).padStart(7, '0')}` : mobile(rand);
      const street = pick(rand, STREETS[townPick]);
      const estate = pick(rand, ESTATES);
      const village = pick(rand, VILLAGES);
      let town = townPick;
      const ctx = {
        addr: `${town}${street}${1 + Math.floor(rand() * 300)}号`,
        place: `${town}${estate}`,
        village: `${town}${village}`,
        school: pick(rand, SCHOOLS),
      };
      let address = category === '农业农村' || category === '自然资源' ? ctx.village : rand() < 0.5 ? ctx.addr : `${ctx.place}${1 + Math.floor(rand() * 20)}幢`;
      let content = fill(rand, contentT, ctx);
      if (rand() < 0.04) content += pick(rand, EXTRA_LINES); // a line break inside the field
      if (rand() < 0.03) content = content.replace('，', ',').replace(/。$/, '，市民说"再不管就去上级反映"。');

      // Repeats: the same caller again within days, or the same matter in the same town.
      const rr = rand();
      if (recent.length > 5 && rr < 0.035) {
        const prev = recent[recent.length - 1 - Math.floor(rand() * Math.min(recent.length, 40))];
        citizen = prev.citizen;
        phone = prev.phone;
        category = prev.category;
        title = prev.title;
        town = prev.town;
        address = prev.address;
        content = `市民再次反映：${prev.content}`;
        type = prev.type === '咨询' ? '求助' : '投诉';
      } else if (recent.length > 5 && rr < 0.06) {
        const prev = recent[recent.length - 1 - Math.floor(rand() * Math.min(recent.length, 40))];
        category = prev.category;
        title = prev.title;
        town = prev.town;
        address = prev.address;
        content = prev.content.replace(/。/, '，至今没有解决。');
        type = prev.type;
      }

      // A city deadline for about one order in ten: a day, or a time for urgent ones.
      let deadline = '';
      if (urgency === '特急') deadline = addHoursText(day, secs, 2);
      else if (urgency === '紧急' && rand() < 0.5) deadline = addHoursText(day, secs, 24);
      else if (rand() < 0.085) {
        const d = addDays(day, 3 + Math.floor(rand() * 8));
        deadline = rand() < 0.6 ? d : `${d} 17:30:00`;
      }
      const channel = weighted(rand, CHANNELS);
      const instructions = urgency === '一般' ? pick(rand, INSTRUCTIONS) : '紧急工单，请立即联系市民并先行处置，处置情况及时反馈。';
      const row = {
        no: `YX${day.replaceAll('-', '')}${pad(seq, 5)}`,
        received_at: received,
        channel,
        type,
        category,
        urgency,
        citizen,
        phone,
        address,
        town,
        title,
        content,
        deadline,
        instructions,
      };
      recent.push(row);
      if (recent.length > 200) recent.shift();
      index++;
      yield row;
    }
  }
}

function addHoursText(day, secs, hours) {
  const total = secs + hours * 3600;
  const d = addDays(day, Math.floor(total / 86400));
  return fmtTime(d, total % 86400);
}

/** One CSV line (no line end): fields quoted when they hold a comma, a quote or a line break. */
export function csvLine(values) {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',');
}

/**
 * Lines of a city CSV export with n orders: the header, then one (possibly multi-line) record
 * each, CRLF-terminated as Excel writes them. For the benchmark:
 *   for (const l of csvLines(1_000_000, 7)) if (!out.write(l)) await once(out, 'drain');
 */
export function* csvLines(n, seed = 20261120) {
  yield csvLine(FIELD_ORDER.map((f) => CITY_HEADERS[f])) + '\r\n';
  for (const row of generateRows(n, seed)) yield csvLine(FIELD_ORDER.map((f) => row[f])) + '\r\n';
}

// Messages of the lifecycle area: the state machine's refusals (src/domain/lifecycle.ts), the
// names of actions and statuses. The extension refusals (calendar.extension.*) live in ./calendar.ts.
// Refusal params `action`, `status` and `field` are codes ('sign', 'pending', 'signedBy'): pass the params through
// localizeLifecycleParams before translating so they read as words in the user's language.
import type { MessageParams } from '../domain/errors.js';
import type { Action } from '../domain/events.js';
import type { OrderStatus } from '../domain/order.js';
import { hasMessage, translate, type CatalogueArea, type Lang } from './index.js';

const zh = {
    'lifecycle.notRegistered': '工单尚未登记，不能{action}',
    'lifecycle.alreadyRegistered': '工单 {no} 已登记',
    'lifecycle.wrongStatus': '工单 {no} 当前状态为“{status}”，不能{action}',
    'lifecycle.atInFuture': '工单 {no}：发生时间 {at} 晚于当前时间 {now}',
    'lifecycle.backdated': '工单 {no}：发生时间 {at} 早于该工单上一次流转的时间 {last}，不能倒填',
    'lifecycle.unknownUnit': '未知的承办单位：{unit}',
    'lifecycle.sameUnit': '工单 {no} 已派发给 {unit}，不能重复派发给同一单位',
    'lifecycle.coIsLead': '{unit} 已是主办单位，不能同时作为协办单位',
    'lifecycle.notLead': '工单 {no} 的主办单位是 {lead}，{unit} 不能{action}',
    'lifecycle.notLeadOrCo': '{unit} 既不是工单 {no} 的主办单位，也不是协办单位，不能回复',
    'lifecycle.returnWindowClosed': '工单 {no} 的退回期限 {until} 已过（退回时间 {at}）',
    'lifecycle.reasonRequired': '工单 {no}：{action}须填写理由',
    'lifecycle.fieldRequired': '工单 {no}：{action}缺少必填项 {field}',
    'lifecycle.extensionPending': '工单 {no} 已有一项待审批的延期申请（{days} 个工作日，{at} 申请）',
    'lifecycle.noPendingExtension': '工单 {no} 没有待审批的延期申请',
    'lifecycle.badType': '诉求类型无效：“{value}”（可用：{allowed}）',
    'lifecycle.badUrgency': '紧急程度无效：“{value}”（可用：{allowed}）',
    'lifecycle.badResult': '办理结果无效：“{value}”（可用：{allowed}）',
    'lifecycle.badSatisfaction': '满意度无效：“{value}”（可用：{allowed}）',
    'lifecycle.badClosureReason': '办结类型无效：“{value}”（可用：{allowed}）',
    'lifecycle.badRemindKind': '催办类型无效：“{value}”（可用：{allowed}）',
    'lifecycle.badSuperviseLevel': '督办级别无效：“{value}”（可用：{allowed}）',
    'lifecycle.badTime': '{field} 不是有效时间：“{value}”',
    'lifecycle.noChanges': '工单 {no} 没有变化',

    'lifecycle.action.register': '登记',
    'lifecycle.action.update': '更新',
    'lifecycle.action.dispatch': '派发',
    'lifecycle.action.sign': '签收',
    'lifecycle.action.return': '退回',
    'lifecycle.action.extend_request': '申请延期',
    'lifecycle.action.extend_approve': '同意延期',
    'lifecycle.action.extend_deny': '不同意延期',
    'lifecycle.action.reply': '回复',
    'lifecycle.action.co_reply': '协办回复',
    'lifecycle.action.review_accept': '审核通过',
    'lifecycle.action.review_reject': '退回重办',
    'lifecycle.action.feedback': '回访',
    'lifecycle.action.closure_request': '申请办结',
    'lifecycle.action.closure_approve': '同意办结',
    'lifecycle.action.closure_deny': '不同意办结',
    'lifecycle.action.remind': '催办',
    'lifecycle.action.supervise': '督办',
    'lifecycle.action.meeting': '联席会议',

    'lifecycle.status.pending': '待派发',
    'lifecycle.status.dispatched': '待签收',
    'lifecycle.status.handling': '办理中',
    'lifecycle.status.replied': '已回复待审核',
    'lifecycle.status.answered': '已答复待回访',
    'lifecycle.status.closure_requested': '申请办结',
    'lifecycle.status.closed': '已办结',
    'lifecycle.field.no': '工单编号',
    'lifecycle.field.to': '主办单位',
    'lifecycle.field.leadUnit': '主办单位',
    'lifecycle.field.content': '办理情况',
    'lifecycle.field.handler': '承办人',
    'lifecycle.field.signedBy': '签批领导',
    'lifecycle.field.explanation': '办结说明',
    'lifecycle.field.receivedAt': '受理时间',
    'lifecycle.field.deadline': '办理时限',
    'lifecycle.field.dueAt': '办理期限',
    'lifecycle.badSigner': '工单 {no}：“{signedBy}”不是 {unit} 登记的签批人，可签批的有：{allowed}（增补签批人：hotline units update {unit} --signers 姓名）',
    'lifecycle.notUnderTown': '工单 {no}：{community} 不是 {town} 下属的社区（村），不能下派',
    'lifecycle.alreadySigned': '工单 {no}：{unit} 已签收',
    'lifecycle.directOnlyConsult': '工单 {no} 是“{type}”件，只有咨询件可以由热线办直接答复',
    'lifecycle.action.pass_down': '下派社区',
    'lifecycle.action.contact': '先行联系',
    'lifecycle.action.return_approve': '同意退回',
    'lifecycle.action.return_deny': '不同意退回',
    'lifecycle.status.return_requested': '申请退回待审核',
    'lifecycle.field.community': '社区（村）',
    'lifecycle.field.result': '办理结果',
  } as const;

/** English for every Chinese key: a key missing here does not compile. */
const en: Record<keyof typeof zh, string> = {
    'lifecycle.notRegistered': 'the order is not registered: cannot {action}',
    'lifecycle.alreadyRegistered': 'order {no} is already registered',
    'lifecycle.wrongStatus': 'order {no} is {status}: cannot {action}',
    'lifecycle.atInFuture': 'order {no}: the time {at} is later than now ({now})',
    'lifecycle.backdated': 'order {no}: the time {at} is before its last change at {last}; an action cannot be dated earlier',
    'lifecycle.unknownUnit': 'unknown unit: {unit}',
    'lifecycle.sameUnit': 'order {no} is already with {unit}: cannot dispatch it to the same unit again',
    'lifecycle.coIsLead': '{unit} is the lead unit and cannot also be a co-unit',
    'lifecycle.notLead': 'the lead unit of order {no} is {lead}: {unit} cannot {action}',
    'lifecycle.notLeadOrCo': '{unit} is neither the lead unit nor a co-unit of order {no}: it cannot reply',
    'lifecycle.returnWindowClosed': 'order {no} could be returned until {until} (now {at})',
    'lifecycle.reasonRequired': 'order {no}: {action} needs a reason',
    'lifecycle.fieldRequired': 'order {no}: {action} needs {field}',
    'lifecycle.extensionPending': 'order {no} already has an extension request waiting ({days} working days, asked {at})',
    'lifecycle.noPendingExtension': 'order {no} has no extension request waiting',
    'lifecycle.badType': 'unknown type "{value}" (one of: {allowed})',
    'lifecycle.badUrgency': 'unknown urgency "{value}" (one of: {allowed})',
    'lifecycle.badResult': 'unknown result "{value}" (one of: {allowed})',
    'lifecycle.badSatisfaction': 'unknown satisfaction "{value}" (one of: {allowed})',
    'lifecycle.badClosureReason': 'unknown closure reason "{value}" (one of: {allowed})',
    'lifecycle.badRemindKind': 'unknown reminder kind "{value}" (one of: {allowed})',
    'lifecycle.badSuperviseLevel': 'unknown supervision level "{value}" (one of: {allowed})',
    'lifecycle.badTime': '{field} is not a valid time: "{value}"',
    'lifecycle.noChanges': 'order {no} has no changes',

    'lifecycle.action.register': 'register',
    'lifecycle.action.update': 'update',
    'lifecycle.action.dispatch': 'dispatch',
    'lifecycle.action.sign': 'sign',
    'lifecycle.action.return': 'return',
    'lifecycle.action.extend_request': 'request an extension',
    'lifecycle.action.extend_approve': 'approve the extension',
    'lifecycle.action.extend_deny': 'deny the extension',
    'lifecycle.action.reply': 'reply',
    'lifecycle.action.co_reply': 'reply as co-unit',
    'lifecycle.action.review_accept': 'accept the reply',
    'lifecycle.action.review_reject': 'reject the reply',
    'lifecycle.action.feedback': 'record feedback',
    'lifecycle.action.closure_request': 'request closure',
    'lifecycle.action.closure_approve': 'approve closure',
    'lifecycle.action.closure_deny': 'deny closure',
    'lifecycle.action.remind': 'remind',
    'lifecycle.action.supervise': 'supervise',
    'lifecycle.action.meeting': 'record a joint meeting',

    'lifecycle.status.pending': 'pending',
    'lifecycle.status.dispatched': 'dispatched',
    'lifecycle.status.handling': 'handling',
    'lifecycle.status.replied': 'replied',
    'lifecycle.status.answered': 'answered',
    'lifecycle.status.closure_requested': 'closure requested',
    'lifecycle.status.closed': 'closed',
    'lifecycle.field.no': 'the order number',
    'lifecycle.field.to': 'the lead unit',
    'lifecycle.field.leadUnit': 'the lead unit',
    'lifecycle.field.content': 'the content',
    'lifecycle.field.handler': 'the handler',
    'lifecycle.field.signedBy': 'the signing leader',
    'lifecycle.field.explanation': 'an explanation',
    'lifecycle.field.receivedAt': 'the time received',
    'lifecycle.field.deadline': 'the deadline',
    'lifecycle.field.dueAt': 'the due time',
    'lifecycle.badSigner': 'order {no}: "{signedBy}" is not a signer on record for {unit}; who may sign: {allowed} (add one: hotline units update {unit} --signers name)',
    'lifecycle.notUnderTown': 'order {no}: {community} is not a community of {town}: it cannot be passed down to it',
    'lifecycle.alreadySigned': 'order {no}: {unit} has signed already',
    'lifecycle.directOnlyConsult': 'order {no} is a {type} order: only consultations can be answered directly by the office',
    'lifecycle.action.pass_down': 'pass down to a community',
    'lifecycle.action.contact': 'record first contact',
    'lifecycle.action.return_approve': 'approve the return',
    'lifecycle.action.return_deny': 'deny the return',
    'lifecycle.status.return_requested': 'return requested',
    'lifecycle.field.community': 'the community',
    'lifecycle.field.result': 'the result',
  };

// Every action and status has a name in both languages: a new one does not compile until named.
type Named<K extends string, P extends string> = { [k in K as `${P}${k}`]: string };
const _actionNames: Named<Action, 'lifecycle.action.'> & Named<OrderStatus, 'lifecycle.status.'> = { ...zh, ...en };
void _actionNames;

/** Refusal codes of the state machine (src/domain/lifecycle.ts). */
export type LifecycleRefusal = Extract<keyof typeof zh, `lifecycle.${string}`>;

export const lifecycleMessages: CatalogueArea = { zh, en };
/** Params with `action`, `status` and `field` codes replaced by their names in `lang` (other params unchanged). */
export function localizeLifecycleParams(lang: Lang, params: MessageParams): MessageParams {
  const out: MessageParams = { ...params };
  for (const k of ['action', 'status', 'field'] as const) {
    const v = params[k];
    const key = `lifecycle.${k}.${String(v)}`;
    if (typeof v === 'string' && hasMessage(key)) out[k] = translate(lang, key);
  }
  return out;
}

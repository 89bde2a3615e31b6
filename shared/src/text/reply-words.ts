/** The vocabulary replies are read with: keywords, filler words, opt-out phrases and negations. */

// The Chinese clouds' opt-out wordings (回T退订, 回TD退订, 拒收请回复R), 0000 (the mainland carriers'
// unsubscribe code), 取消订阅, 取消 (like CANCEL), and the usual English keywords (the set US carriers honour).
// REMOVE and SPAM alone (or with filler words: "pls remove") answer a marketing text only one way.
export const STOP_WORDS = [
  'T',
  'TD',
  'R',
  '0000',
  '退订',
  '拒收',
  '取消订阅',
  '取消',
  '停止',
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'UNSUB',
  'OPTOUT',
  'CANCEL',
  'END',
  'QUIT',
  'REMOVE',
  'SPAM',
]
/**
 * The stop words that mean stop even inside a longer reply. CANCEL, END, QUIT, 取消 and 0000 also end orders,
 * calls and sentences ("…, please cancel" after an order number), so they only count as the whole reply.
 */
export const PLAIN_STOP_WORDS = ['退订', '拒收', '取消订阅', '停止', 'STOP', 'STOPALL', 'UNSUBSCRIBE', 'UNSUB', 'OPTOUT']
/**
 * The Chinese clouds' codes (回T退订, 回TD退订, 拒收请回复R): plain only beside Chinese; in English a letter signs off
 * ("Thanks, T") and TD is a bank.
 */
export const CHINESE_CODES = ['T', 'TD', 'R']
/**
 * Opt-in keywords, read like the stop words: only as the whole reply with filler words ("开始吧", "我要重新订阅"),
 * never inside a sentence ("什么时候开始发货"). 开始 is START; 恢复订阅, 重新订阅 and 继续订阅 say "subscribe again".
 */
export const START_WORDS = ['START', 'UNSTOP', '订阅', '开始', '恢复订阅', '重新订阅', '继续订阅']
export const KEYWORDS = [...STOP_WORDS, ...START_WORDS]
// Words that say nothing of their own around a keyword ("stop please", "请退订", "退订谢谢", "回T").
export const FILLERS = ['PLEASE', 'PLS', 'PLZ', 'ME', 'NOW', 'THANKS', 'THANK', 'YOU', 'THX', 'JUST', '谢谢', '请', '我要', '了', '回', '回复', '吧', '啊', '哦', '麻烦']

// Phrases that ask to stop ("好的,别再发了"), unless negated.
export const STRONG_STOP = [
  '退订',
  '拒收',
  '取消订阅',
  '取消短信',
  '不要再发',
  '不要发',
  '别再发',
  '别发',
  '别给我发',
  '别再给我发',
  '不要给我发',
  '不要再给我发',
  '请勿再发',
  '勿发',
  '停止发送',
  '勿扰',
  '勿打扰',
  '别打扰',
  '不要打扰',
  '别再打扰',
  '不要再打扰',
  '骚扰',
  '不想再收到',
  '不想收到',
  '不要再联系',
  '别再联系',
  '不要联系我',
  '别联系我',
  '删除我的号码',
  '删掉我的号码',
  '删除我的手机号',
  '从名单里删',
  '从名单中删',
  '从名单上删',
  '关闭短信',
  '别烦我',
  '垃圾短信',
  // Complaints (see COMPLAINTS): to the ministry (工信部) or its spam line (12321), a report, harassment.
  '工信部',
  '12321',
  '举报',
  '投诉',
  'HARASS',
  'REPORTYOU',
  'REPORTINGYOU',
  'REPORTEDYOU',
  'REPORTTHIS',
  'REPORTINGTHIS',
  // English phrases as the reply's words run together ("stop texting me" reads STOPTEXTINGME).
  'STOPTEXTING',
  'STOPSENDING',
  'STOPMESSAGING',
  'STOPIT',
  'DONTTEXT',
  'DONOTTEXT',
  'NOMORETEXTS',
  'NOMOREMESSAGES',
  'REMOVEME',
  'UNSUBSCRIBEME',
  'STOPCONTACTING',
  'STOPSPAMMING',
  'DONTCONTACT',
  'DONOTCONTACT',
  'TAKEMEOFF',
  'REMOVEMYNUMBER',
  'DELETEMYNUMBER',
  'OPTMEOUT',
  'LEAVEMEALONE',
  'STOPTHESE',
  'DONTMESSAGE',
  'DONOTMESSAGE',
  'NOLONGERWANTTORECEIVE',
  'DONTWANTTORECEIVE',
  'DONOTWANTTORECEIVE',
  'DONTWANTTHESETEXTS',
  'DONTWANTTHESEMESSAGES',
  'DONTWANTYOURTEXTS',
  'DONTWANTYOURMESSAGES',
]
/**
 * The opt-out phrases that complain of the texts: harassment (骚扰, HARASS…), a complaint or a report to the
 * regulator (投诉, 举报, 工信部, 12321, "I'll report you"). Such an opt-out is the business's to lift after review,
 * never the writer's START: a person who complained is not to be messaged again on one word.
 */
export const COMPLAINTS = ['骚扰', '工信部', '12321', '举报', '投诉', 'HARASS', 'REPORTYOU', 'REPORTINGYOU', 'REPORTEDYOU', 'REPORTTHIS', 'REPORTINGTHIS']
/**
 * 投诉 of something other than the texts or their sender ("我要投诉快递员", a courier): only 投诉 at the end, or of you
 * (投诉你们), is a complaint of the texts.
 */
export const COMPLAINT_OF_SOMETHING_ELSE = /^(?!你|了?$)/

/**
 * "不要发货" is "don't ship it", "别发错" "don't send the wrong one" and "不想收到货" "I don't want the goods": 发 and
 * 收到 of goods, invoices and mistakes is no opt-out.
 */
export const NOT_A_MESSAGE = /^(货|票|错)/

/**
 * What, just before a phrase, negates it: a negation ("不退订", "don't stop"), also through a verb of wanting or
 * saying ("我没有说要退订", "I don't want you to stop", "I never said stop", "don't ever stop"), or for the writer
 * ("千万别给我退订").
 */
export const NEGATED =
  /(不|没|没有|别|未|无需|不要|不想|不用|不会|不是|DONT|DONOT|DIDNT|DIDNOT|WONT|WILLNOT|CANT|CANNOT|NOT|ISNT|ARENT|WASNT|AINT|NEVER|NONEEDTO)(EVER)?(说|说要|想|要|让你|叫你|要求|WANT|WANNA|NEED|SAY|SAID|ASK|ASKED|TELL|TOLD|MEAN|MEANT)?(YOU|U|THEM|IT)?(给我|帮我|替我)?(TO)?$/

/** Chinese asking about a phrase rather than saying it: just before it ("怎么退订", "如果我退订") or right after ("退订是什么意思", "退订的话会怎样"). */
export const ASKED_BEFORE = /(怎么|怎样|如何|咋|是否|能否|可否|能不能|可不可以|如果|假如|要是|会不会|要不要|是不是|什么是|请问)(我|你|你们)?(要|想)?$/
export const ASKED_AFTER = /^(了|的话|以后|之后)?(是什么|是啥|什么|啥|怎么|怎样|咋|如何|有用|有效|会怎|会不会|会有|会影响|能不能|可以吗|的话|后会)/

/** An English clause opening as a question ("what does STOP mean", "if I reply stop…"); "do not text me" is no question. */
export const ASKS_IN_ENGLISH = /^(WHAT|WHY|HOW|WHEN|WHERE|WHO|WHICH|WHOSE|DOES|DID|IS|ARE|IF|WHETHER|DO(?! NOT\b))\b/

/**
 * Words before STOP that make it a place or a thing ("the bus stop", "next stop"), not a request. Not THIS or
 * THAT: "I never signed up for this STOP" runs a sentence into the keyword far more often than it names a stop.
 */
export const STOP_AS_NOUN = ['THE', 'A', 'AN', 'BUS', 'TRAIN', 'TRAM', 'METRO', 'SUBWAY', 'TRUCK', 'PIT', 'REST', 'NEXT', 'LAST', 'FIRST', 'FULL', 'MY', 'YOUR', 'OUR', 'THEIR']
/** The writer saying what they themselves will do ("I'll stop by", "we might stop"), not asking Recall to stop. */
export const WRITER_ACTS = / (I|WE|ILL|WELL|ID|WED)( (MIGHT|MAY|WILL|WOULD|COULD|SHOULD|CAN|JUST|ALSO|PROBABLY|MAYBE|THEN|ALWAYS|USUALLY|SOMETIMES|GONNA|GOING TO))*$/

/**
 * How a question opens when it asks Recall to do something ("can you please…", "可以帮我…", "麻烦…", "能不能…"), as
 * the words run together; what follows must then be a stop ("…remove me from your list?", "…退订吗").
 */
export const REQUEST_OPENING = /^((CAN|COULD|WOULD|WILL)(YOU|U)|(请问)?(你们?)?(可以|能不能|可不可以|能否|可否|能|麻烦|请)(你们?)?(帮我|给我|帮忙|帮)?)/
/** How a request closes as a question: after an opening, any question word; alone, only a polite "…, ok?" ("别发了行吗"). */
export const REQUEST_TAIL = /(吗|嘛|(?<!什)么|呢|好吗|行吗|可以吗|好不好|行不行|好么|行么|OK|OKAY)$/
export const POLITE_TAIL = /(好吗|行吗|可以吗|好不好|行不行|好么|行么|OK|OKAY)$/
/**
 * A complaint that the texts keep coming ("why am I still getting these", "为什么还能收到", "how many times do I have
 * to say"): beside a stop it says the stop was meant.
 */
export const STILL_SENT =
  /(为什么|为啥|怎么|咋)(还|又|仍然|仍|还是|一直)(能|在|会|是|有)?(收到|发|给我发|接到)|WHY(AMI|DOI|AREYOU|DOYOU)STILL|STILL(GETTING|RECEIVING|SENDING)|HOWMANYTIMES|说了多少次|说过多少次|说了几次/

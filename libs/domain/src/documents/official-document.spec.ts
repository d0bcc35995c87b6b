import {
  addresseeLine,
  chineseDate,
  documentNumber,
  documentYear,
  mainlandQuotes,
  noticeNumber,
  noticeReplyBy,
  noticeTitle,
} from './official-document';
import { showDeadlineProse } from '../time/deadline-display';

describe('official document framing', () => {
  it('numbers documents as 〔year〕第n号 / 第n期', () => {
    expect(documentNumber(2026, 3, '期')).toBe('〔2026〕第3期');
    expect(noticeNumber('督办单', 2026, 12)).toBe('督办单〔2026〕第12号');
    expect(noticeNumber('通报', 2026, 1)).toBe('通报〔2026〕第1期');
  });

  it('signs with the CST day: an instant late on 30 November UTC is 1 December in China', () => {
    expect(chineseDate('2026-11-30T16:30:00Z')).toBe('2026年12月1日');
    expect(chineseDate('2026-12-01T15:59:59Z')).toBe('2026年12月1日');
    expect(documentYear('2026-12-31T16:00:00Z')).toBe(2027);
  });

  it('uses mainland quotation marks', () => {
    expect(mainlandQuotes('落实"两不愁三保障"和「一户一策」，\'回头看\'')).toBe(
      '落实“两不愁三保障”和“一户一策”，‘回头看’',
    );
  });

  it('never repeats the kind in a title', () => {
    expect(noticeTitle('通报批评', '〔2026〕第3号', '通报批评', '通报批评：危房改造安居行动（T4）')).toBe(
      '通报批评〔2026〕第3号：危房改造安居行动（T4）',
    );
    expect(noticeTitle('督办单', '〔2026〕第4号', '黄牌预警', '黄牌预警：危房改造安居行动（T4）')).toBe(
      '督办单〔2026〕第4号：黄牌预警：危房改造安居行动（T4）',
    );
    expect(noticeTitle('通报批评', '〔2026〕第5号', '通报批评')).toBe('通报批评〔2026〕第5号');
    expect(noticeTitle('督办单', null, '红牌预警', '问题 W-1')).toBe('督办单：红牌预警：问题 W-1');
  });

  it('writes the addressees once each, ending with a full-width colon', () => {
    expect(addresseeLine(['县住建局', '县扶贫办', '县住建局'])).toBe('县住建局、县扶贫办：');
    expect(addresseeLine([])).toBe('');
  });
});

describe('noticeReplyBy', () => {
  it('a 督办单 is answered within 3 days of its issue day (the end of that CST day)', () => {
    // issued 1 December 2026 09:00 CST → reply by the end of 4 December
    const by = noticeReplyBy('督办单', '2026-12-01T01:00:00Z', '2026-12-15T16:00:00Z');
    expect(by.toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(showDeadlineProse(by)).toBe('2026年12月4日');
    // late on 1 December UTC is already 2 December in China
    expect(showDeadlineProse(noticeReplyBy('督办单', '2026-12-01T17:00:00Z', null))).toBe('2026年12月5日');
  });

  it('a 催办单 is answered by the deadline it reminds of when that comes sooner', () => {
    const deadline = '2026-12-02T16:00:00.000Z'; // 2 December as written
    expect(noticeReplyBy('催办单', '2026-11-29T01:00:00Z', deadline).toISOString()).toBe(deadline);
    // a deadline further away: the three days still hold
    expect(showDeadlineProse(noticeReplyBy('催办单', '2026-11-29T01:00:00Z', '2026-12-30T16:00:00Z'))).toBe(
      '2026年12月2日',
    );
  });
});

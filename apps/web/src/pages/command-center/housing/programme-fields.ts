/** A programme's time limits (ISO durations), named as the form and the desk show them. */
export const TIME_LIMITS = [
  { name: 'stallAfter', label: '停滞时限', tooltip: '农户这么久没有进展即督办' },
  { name: 'paymentDueAfter', label: '补助兑付时限', tooltip: '竣工验收后这么久仍未兑付即督办' },
  { name: 'timerJitter', label: '提醒错峰时段', tooltip: '同一期限的大批农户，提醒在这段时间内分散发出' },
] as const;

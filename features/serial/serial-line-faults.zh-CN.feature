# language: zh-CN
功能: 收银机与终端之间的串口线路掉字节、误码或断开，首笔交易被正确处理而不是丢失或重复扣款

  # @emulated: 实体终端按自身固件计时冲正，判定尚未等待它（见英文版说明）
  @emulated @needs-serial-line @needs-serial-points
  场景: 终端发出交易结果后串口线被拔掉：终端冲正该笔消费
    假如一台串口按实验室时间计时的出厂新终端
    而且收银机已注册该终端
    而且故障 "serial-cable-pull-after-result" 生效
    当首笔消费 12.34 EUR 用测试卡 "visa-test" 支付
    而且串口线路的干扰结束
    那么首笔交易的结论是 REVERSED
    而且持卡人未被扣款
    而且商户未入账

  @needs-end-of-day @needs-print-lines @needs-serial-line @needs-serial-points
  场景: 一行小票误码后被重发：小票完整，交易结算
    假如一台串口按实验室时间计时的出厂新终端
    而且收银机已注册该终端
    而且故障 "serial-garbled-receipt-line" 生效
    当首笔消费 12.34 EUR 用测试卡 "visa-test" 支付
    而且收银机完成日终结算
    那么首笔交易的结论是 SETTLED
    而且收银机收到完整的小票
    而且商户入账 12.34 EUR 且仅一次

  @needs-logon @needs-serial-line
  场景: 收银机与终端的串口参数不一致：实验室故障并指出串口参数
    假如一台串口按实验室时间计时的出厂新终端
    而且故障 "serial-baud-mismatch" 生效
    当收银机尝试注册该终端
    那么场景结论是实验室故障并指出串口参数

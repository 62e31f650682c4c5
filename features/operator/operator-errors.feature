Feature: Operator errors at the cash register are reported, never silently lost
  The operator keys a wrong amount, never registers the terminal, sets the register up to print but ignores the
  print lines, or goes home without closing the day. The first transaction must still end in a state the merchant
  can see and explain.

  @needs-end-of-day
  Scenario: The cashier keys a wrong amount: the merchant is credited what was charged
    Given a factory-new terminal
    And the cash register has registered the terminal
    When the cashier keys 123.40 EUR for a first sale priced 12.34 EUR, paid with the test card "visa-test"
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited 123.40 EUR exactly once
    And the diagnosis names OPERATOR_ERROR as the cause

  @needs-logon
  Scenario: The register never registered the terminal
    Given a factory-new terminal
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the terminal reports "PT not registered"
    And the cardholder is not charged
    And the merchant is not credited
    And the diagnosis names OPERATOR_ERROR as the cause

  @needs-print-lines
  Scenario: The register claims to print but ignores the print lines: the terminal reverses and says so
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the cash register ignores print lines
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is REVERSED
    And the terminal reports "abort via timeout"
    And the cardholder is not charged
    And the merchant is not credited
    And the diagnosis names OPERATOR_ERROR as the cause

  @needs-end-of-day @needs-status
  Scenario: The day is never closed: the open batch is reported, and settles when the day is closed
    Given a factory-new terminal
    And the cash register has registered the terminal
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the cashier leaves without closing the day
    Then the terminal reports an open batch
    And the merchant is not credited
    When the day is closed the next morning
    Then the first transaction is SETTLED
    And the merchant is credited 12.34 EUR exactly once

  @abort @needs-abort
  Scenario: The cashier aborts while the host is approving: the terminal reverses the approved sale
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "link-delay-fixed" is in force
    And the cashier presses abort while the terminal waits for the host
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is REVERSED
    And the terminal reports "abort via timeout or abort key"
    And the cardholder is not charged
    And the merchant is not credited
    And the diagnosis names OPERATOR_ERROR as the cause

  @needs-refund
  Scenario: The cashier chooses a refund instead of the first sale: refused, nothing moves
    Given a factory-new terminal
    And the cash register has registered the terminal
    When the cashier chooses a refund of 12.34 EUR instead of the first sale, with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the terminal reports "function not possible"
    And the cardholder is not charged
    And the merchant is not credited
    And the diagnosis names OPERATOR_ERROR as the cause

Feature: The bank or payment institution is down, upgrading, or holding the money
  The seed's own conclusion: a bank system upgrade delayed the first credit. Every such delay must be reported as
  pending with its cause, then credited exactly once; every outage before approval must be reported as a decline.
  Scenario: Bank maintenance at authorization: declined and reported as bank unavailable
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "bank-maintenance" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the terminal reports host response code "91"
    And the cardholder is not charged
    And the merchant is not credited
    And the diagnosis names BANK as the cause
  @needs-end-of-day @needs-status
  Scenario: Bank maintenance at settlement: the batch stays open and reported, and settles after the window
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "bank-maintenance-settlement" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the terminal reports an open batch
    And the merchant is not credited
    When 31 lab minutes pass
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited 12.34 EUR exactly once

  @cert @needs-end-of-day
  Scenario: A bank system upgrade delays the first credit: reported pending with its cause, then credited once
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "bank-upgrade" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the merchant sees the first sale pending because of "bank system upgrade"
    When the day is closed the next morning
    Then the first transaction is SETTLED_LATE
    And the merchant is credited 12.34 EUR exactly once
    And the diagnosis names BANK as the cause
  @needs-end-of-day
  Scenario: Credit system maintenance: pending with its cause, credited after the window
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "bank-maintenance-credit" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the merchant sees the first sale pending because of "credit system maintenance"
    When 121 lab minutes pass
    And the merchant looks at the statement
    Then the first transaction is SETTLED_LATE
    And the merchant is credited 12.34 EUR exactly once

  @cert @needs-end-of-day
  Scenario: A new merchant's first credit is held for risk review, then released
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "risk-hold-first-transaction" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the merchant sees the first sale pending because of "risk review"
    When the day is closed the next morning
    Then the first transaction is SETTLED_LATE
    And the merchant is credited 12.34 EUR exactly once
    And the diagnosis names BANK as the cause
  Scenario Outline: The bank connection fails at authorization (<outage>): declined as a system malfunction
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "bank-outage-<outage>" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the terminal reports host response code "96"
    And the cardholder is not charged
    And the merchant is not credited

    Examples:
      | outage          |
      | reset           |
      | empty           |
      | garbage         |
      | malformed-chunk |
  Scenario Outline: The bank refuses a new merchant's first sale (<fault>)
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "<fault>" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the terminal reports host response code "<code>"
    And the cardholder is not charged
    And the merchant is not credited

    Examples:
      | fault                   | code |
      | insufficient-funds      | 51   |
      | invalid-merchant        | 03   |
      | terminal-not-registered | 97   |
  @needs-end-of-day
  Scenario: Bank maintenance at reversal: the terminal keeps its reversal and sends it until acknowledged
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "link-drop-after-response" is in force
    And the fault "bank-maintenance-reversal" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And 31 lab minutes pass
    And the day is closed
    Then the first transaction is REVERSED
    And the cardholder is not charged
    And the merchant is not credited

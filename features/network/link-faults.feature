Feature: The network between terminal and host drops, stalls or answers late
  Whatever the line does to the first sale, the terminal must end it in a state the merchant can see:
  settled when the answer came in time, reversed when it did not, and never approved without a credit.
  Scenario: The link refuses every connection: nothing is charged and the terminal says so
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "link-refuse" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the terminal reports "no connection"
    And the cardholder is not charged
    And the merchant is not credited
  Scenario: The link drops after the sale request reached the host: the sale is reversed
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "link-drop-after-request" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is REVERSED
    And the cardholder is not charged
    And the merchant is not credited
  Scenario: The approval is lost on the way back: the sale is reversed
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "link-drop-after-response" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is REVERSED
    And the cardholder is not charged
    And the merchant is not credited
  @needs-end-of-day
  Scenario: The answer comes late but within the terminal's timeout: the sale settles
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "link-delay-fixed" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited 12.34 EUR exactly once
  Scenario Outline: The answer comes <when> the terminal's timeout: the sale is reversed, the late answer ignored
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "<fault>" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is REVERSED
    And the terminal reports "remote station does not respond"
    And the cardholder is not charged
    And the merchant is not credited

    Examples:
      | when     | fault                    |
      | at       | link-delay-at-timeout    |
      | after    | link-delay-above-timeout |
  Scenario: A half-open connection never answers: the terminal gives up and says so
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "link-half-open" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the cardholder is not charged
    And the merchant is not credited
  Scenario: The sale request stalls on its way to the host: the terminal gives up and says so, nothing is charged
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "link-swallow-sale" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the terminal reports "remote station does not respond"
    And the cardholder is not charged
    And the merchant is not credited

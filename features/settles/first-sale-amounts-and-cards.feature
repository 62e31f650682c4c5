Feature: The first sale settles whatever the amount and the card
  Amount encoding (BCD in ZVT, twelve digits in ISO 8583) and card schemes are where a first sale of a new terminal
  goes wrong in the field: the smallest, an ordinary and a large amount, on each test card, must settle exactly.

  @cert @needs-end-of-day
  Scenario Outline: First sale of <amount> EUR with <card> settles
    Given a factory-new terminal
    And the cash register has registered the terminal
    When the first sale of <amount> EUR is paid with the test card "<card>"
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited <amount> EUR exactly once

    Examples:
      | amount  | card            |
      | 0.01    | visa-test       |
      | 99.99   | mastercard-test |
      | 9999.99 | visa-test       |
      | 1000    | mastercard-test |

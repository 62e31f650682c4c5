Feature: The first sale of a factory-new terminal settles
  A newly installed terminal's first sale must reach the merchant's account exactly once,
  or be reported correctly. This is the walking skeleton of the certification catalogue.

  @cert @needs-end-of-day
  Scenario: First sale on a factory-new terminal is settled and credited
    Given a factory-new terminal
    And the cash register has registered the terminal
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited 12.34 EUR exactly once

Feature: The terminal loses power at the worst moment: nothing lost, nothing counted twice
  A new terminal is unplugged while the host's answer to the first sale, or to the first settlement, is on its way.
  After it boots again from its own memory, the first sale is reversed or settled exactly once.

  @emulated @power @cert @needs-end-of-day @needs-power
  Scenario: Power loss while the first sale waits for the host: reversed after restart, never charged
    Given a factory-new emulated terminal
    And the cash register has registered the terminal
    When the terminal loses power while the first sale of 12.34 EUR with the test card "visa-test" waits for the host
    And the terminal is powered on again
    And the cash register has registered the terminal
    And the day is closed
    Then the first transaction is REVERSED
    And the cardholder is not charged
    And the merchant is not credited

  @emulated @power @needs-end-of-day @needs-power
  Scenario: Power loss mid-sale, then the cashier takes the payment again: it settles once
    Given a factory-new emulated terminal
    And the cash register has registered the terminal
    When the terminal loses power while the first sale of 12.34 EUR with the test card "visa-test" waits for the host
    And the terminal is powered on again
    And the cash register has registered the terminal
    And the cashier takes the first sale of 12.34 EUR again with the test card "visa-test"
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited 12.34 EUR exactly once

  @emulated @power @cert @needs-end-of-day @needs-power
  Scenario: Power loss while the first settlement is answered: settled once after restart
    Given a factory-new emulated terminal
    And the cash register has registered the terminal
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the terminal loses power while the day is being closed
    And the terminal is powered on again
    And the cash register has registered the terminal
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited 12.34 EUR exactly once

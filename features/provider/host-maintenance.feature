Feature: The payment provider's host is down for maintenance when the new terminal signs on
  A factory-new terminal must sign on before its first sale. When the provider's host refuses it, the terminal must
  say so and charge nothing; once the maintenance is over, the same first sale settles.
  Scenario: Host in maintenance at sign-on: the first sale is refused and reported
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "host-maintenance" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the cardholder is not charged
    And the merchant is not credited
    And the diagnosis names PROVIDER_SYSTEM as the cause
  @needs-end-of-day
  Scenario: After the host maintenance window the first sale settles
    Given a factory-new terminal
    And the cash register has registered the terminal
    And the fault "host-maintenance" is in force
    When 31 lab minutes pass
    And the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited 12.34 EUR exactly once

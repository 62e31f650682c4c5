@emulated @selftest
Feature: The harness catches broken terminals (self-test)
  Two firmware bugs that lose a first transaction in the field, reproduced by the emulated terminal: the oracle must
  name them as defects. `./firstsettle detect` does this for every catalogued defect; these two run with every test.
  Excluded from `./firstsettle run` (a certification report lists the device under test only).

  Scenario: A terminal that reports approved when the host never answered is caught as MISREPORTED
    Given a factory-new emulated terminal with the defect "APPROVED_ON_TIMEOUT"
    And the cash register has registered the terminal
    And the fault "link-swallow-sale" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is MISREPORTED

  Scenario: A terminal that prints APPROVED on a bank outage is caught as MISREPORTED
    Given a factory-new emulated terminal with the defect "IGNORES_DECLINE"
    And the cash register has registered the terminal
    And the fault "bank-maintenance" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    Then the first transaction is MISREPORTED

  @needs-end-of-day @needs-serial-line @needs-serial-points
  Scenario: A terminal that takes the register's repeated sale frame for a new sale is caught as DUPLICATED
    Given a factory-new emulated terminal with the defect "REPEATED_FRAME_CHARGES_TWICE" on a lab-timed serial line
    And the cash register has registered the terminal
    And the fault "serial-sale-ack-lost" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the first transaction is DUPLICATED

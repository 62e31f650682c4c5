Feature: The payment provider's host restarts between the first sale and the end of day
  A host that restarts loses its table of the open batch but keeps its journal. At the end of day the totals then
  disagree (95); the terminal uploads its batch (0320) and the host settles the sale its journal shows it approved.
  The first sale is settled once, or reported open: never lost silently, never credited twice.
  @needs-end-of-day
  Scenario: The host restarts between the sale and the end of day: the first sale settles once by batch upload
    Given a factory-new terminal
    And the cash register has registered the terminal
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the provider's host restarts
    And the day is closed
    Then the first transaction is SETTLED
    And the merchant is credited 12.34 EUR exactly once

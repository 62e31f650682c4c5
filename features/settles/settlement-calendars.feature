Feature: Settlement calendars: a Friday first sale is credited when the calendar says, and reported pending until then
  "Not credited" is often "not yet credited": under T1 a Friday sale is credited on Monday, under D1 on Saturday.

  @cert @needs-end-of-day
  Scenario Outline: A Friday first sale under <calendar> is credited on <day>
    Given the lab calendar shows a Friday afternoon
    And a factory-new terminal
    And the cash register has registered the terminal
    And the fault "settlement-calendar-<calendar>" is in force
    When the first sale of 12.34 EUR is paid with the test card "visa-test"
    And the day is closed
    Then the merchant sees the first sale pending because of "<calendar>"
    When the lab calendar moves to <day> morning
    And the merchant looks at the statement
    Then the first transaction is SETTLED_LATE
    And the merchant is credited 12.34 EUR exactly once

    Examples:
      | calendar | day      |
      | T1       | Monday   |
      | D1       | Saturday |

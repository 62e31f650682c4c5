Feature: A first sale the bank declines is reported, never lost
  The bank answers the first authorization with a decline. The terminal must show the bank's reason,
  the cardholder must not be charged and nothing may reach the merchant's account.
  Scenario Outline: The bank declines the first sale (<cause>)
    Given a factory-new terminal
    And the cash register has registered the terminal
    When the first sale of <amount> EUR is paid with the test card "visa-test"
    Then the first transaction is DECLINED_REPORTED
    And the terminal reports host response code "<code>"
    And the cardholder is not charged
    And the merchant is not credited

    Examples:
      | amount | code | cause              |
      | 51.00  | 51   | insufficient funds |
      | 54.00  | 54   | expired card       |

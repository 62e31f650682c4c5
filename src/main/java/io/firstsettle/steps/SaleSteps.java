package io.firstsettle.steps;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.KeyedAmount;
import io.firstsettle.core.event.WrongPaymentMethod;
import io.cucumber.java.zh_cn.当;
import io.cucumber.java.en.When;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.terminal.Outcome;

import java.time.Duration;
import java.util.Map;

/** The merchant's day: sales paid with test cards, and closing the day. */
public final class SaleSteps {
    private final ScenarioWorld world;

    public SaleSteps(ScenarioWorld world) {
        this.world = world;
    }

    @当("首笔消费 {amount} EUR 用测试卡 {string} 支付")
    @When("the first sale of {amount} EUR is paid with the test card {string}")
    public void firstSale(String amount, String cardName) {
        long minor = Money.minor(amount);
        CardProfile card = CardProfile.named(cardName);
        world.card(card);
        world.rig().presentCard(card, minor);
        Outcome t = world.rig().register().sale(minor);
        world.firstSale(t, minor);
    }

    @When("the cashier keys {amount} EUR for a first sale priced {amount} EUR, paid with the test card {string}")
    @当("收银员为标价 {amount} EUR 的首笔消费输入了 {amount} EUR，用测试卡 {string} 支付")
    public void keyedWrongAmount(String keyed, String priced, String cardName) {
        world.rig().evidence().record("operator", new KeyedAmount(Money.minor(priced), Money.minor(keyed)));
        firstSale(keyed, cardName);
    }

    @When("the cashier chooses a refund of {amount} EUR instead of the first sale, with the test card {string}")
    @当("收银员误选退货 {amount} EUR 而不是首笔消费，用测试卡 {string}")
    public void refundInsteadOfSale(String amount, String cardName) {
        long minor = Money.minor(amount);
        CardProfile card = CardProfile.named(cardName);
        world.card(card);
        world.rig().presentCard(card, minor);
        world.rig().evidence().record("operator", new WrongPaymentMethod("Refund 06 31", "Authorization 06 01",
                minor));
        world.firstSale(Skips.unlessSupported(world, () -> world.rig().register().refund(minor)), minor);
    }

    @When("the cashier leaves without closing the day")
    @当("收银员未做日终就离开")
    public void dayLeftOpen() {
        world.rig().evidence().record("operator", new Generic("day-left-open", Map.of("terminal",
                world.rig().spec().terminal().name())));
    }

    @When("the day is closed the next morning")
    @当("次日早上完成日终结算")
    public void dayClosedNextMorning() {
        world.rig().spec().clock().advance(Duration.ofHours(12));
        dayClosed();
    }

    @When("the day is closed")
    @当("收银机完成日终结算")
    public void dayClosed() {
        world.endOfDay(Skips.unlessSupported(world, () -> world.rig().register().endOfDay()));
    }
}

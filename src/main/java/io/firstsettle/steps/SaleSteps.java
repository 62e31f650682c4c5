package io.firstsettle.steps;

import io.cucumber.java.zh_cn.当;
import io.cucumber.java.en.When;
import io.firstsettle.ecr.Authorization;
import io.firstsettle.ecr.EcrTranscript;
import io.firstsettle.ecr.EndOfDay;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

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
        world.rig().terminal().presentCard(card);
        TerminalProfile p = world.rig().spec().terminal();
        EcrTranscript t = world.rig().ecr().authorize(new Authorization(minor, p.currency(), null, null, null));
        world.firstSale(t, minor);
    }

    @当("收银机完成日终结算")
    @When("the day is closed")
    public void dayClosed() {
        TerminalProfile p = world.rig().spec().terminal();
        world.endOfDay(world.rig().ecr().endOfDay(new EndOfDay(p.password())));
    }
}

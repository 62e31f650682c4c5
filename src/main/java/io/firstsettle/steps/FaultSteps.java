package io.firstsettle.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.cucumber.java.zh_cn.假如;
import io.cucumber.java.zh_cn.当;
import io.firstsettle.fault.AppliedFault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;

/** Named fault profiles (fixtures/faults) in force for this scenario's terminal, and lab time passing. */
public final class FaultSteps {
    private final ScenarioWorld world;
    private final Map<String, AppliedFault> applied = new HashMap<>();

    public FaultSteps(ScenarioWorld world) {
        this.world = world;
    }

    @Given("the fault {string} is in force")
    @假如("故障 {string} 生效")
    public void faultInForce(String name) {
        applied.put(name, Skips.unlessSupported(world, () -> world.rig().applyFault(name)));
    }

    @When("the fault {string} is over")
    @当("故障 {string} 结束")
    public void faultOver(String name) {
        AppliedFault f = applied.remove(name);
        if (f == null) {
            throw new IllegalStateException("the fault '" + name + "' was never put in force in this scenario");
        }
        f.remove();
    }

    @When("{int} lab minutes pass")
    @当("实验室时间过去 {int} 分钟")
    public void minutesPass(int minutes) {
        world.rig().spec().clock().advance(Duration.ofMinutes(minutes));
    }

    @Given("the lab calendar shows a Friday afternoon")
    @假如("实验室日历是星期五下午")
    public void fridayAfternoon() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        LocalDate friday = LocalDate.now(zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
        world.labStart(ZonedDateTime.of(friday, LocalTime.of(15, 0), zone));
    }

    @When("the lab calendar moves to {dayOfWeek} morning")
    @当("实验室日历到了 {dayOfWeek} 早上")
    public void moveTo(DayOfWeek day) {
        ZonedDateTime now = world.rig().spec().clock().nowZoned();
        ZonedDateTime target = now.with(TemporalAdjusters.next(day)).with(LocalTime.of(9, 0));
        world.rig().spec().clock().advance(Duration.between(now, target));
    }
}

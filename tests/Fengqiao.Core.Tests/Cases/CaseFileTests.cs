using Fengqiao.Core.Audit;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Deadlines;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;
using static Fengqiao.Core.Tests.Cases.CaseFixture;

namespace Fengqiao.Core.Tests.Cases;

public class CaseFileTests
{
    [Fact]
    public void Registration_starts_the_15_day_acceptance_notice_limit()
    {
        var t = CaseFile.Register(Registration(At(2026, 9, 16)), Policy(SlaProfileCatalog.Petition));
        Assert.Equal(CaseState.Registered, t.Case.State);
        Assert.Equal(SlaStage.AcceptanceNotice, t.Case.Deadline!.Stage);
        Assert.Equal(new LocalDate(2026, 10, 8), t.Case.Deadline.Deadline.DueDate); // 1 Oct rolls past the holiday
        Assert.Equal(CaseEventKinds.Registered, t.Event.Kind);
        Assert.Equal("petition", t.Event.Data["profile"]);
        Assert.Equal(1, t.Case.Version);
    }

    [Fact]
    public void A_petition_goes_from_registration_to_closure_with_one_event_per_step()
    {
        var events = new List<CaseEvent>();
        var file = CaseFile.Register(Registration(At(2026, 3, 2)), Policy(SlaProfileCatalog.Petition)).Case;
        foreach (var command in new CaseCommand[]
                 {
                     new AcceptCase(At(2026, 3, 3), "clerk-1"),
                     new AssignCase(At(2026, 3, 3, 10), "clerk-1", Housing, [Labour]),
                     new StartHandling(At(2026, 3, 4), "handler-1"),
                     new SubmitReply(At(2026, 3, 19), "handler-1", "答复意见书：已整改。"),
                     new ReplyToCase(At(2026, 3, 20), "director-1", "", Housing),
                     new RateCase(At(2026, 3, 22), "resident", CaseRating.Satisfied),
                     new CloseCase(At(2026, 3, 23), "clerk-1"),
                 })
        {
            var t = file.Apply(command);
            events.Add(t.Event);
            Assert.Equal(file.State, t.Event.Before);
            Assert.Equal(t.Case.State, t.Event.After);
            file = t.Case;
        }
        Assert.Equal(CaseState.Closed, file.State);
        Assert.Equal(CaseRating.Satisfied, file.Rating);
        Assert.Equal(8, file.Version);
        Assert.Equal(["case.accepted", "case.assigned", "case.handling-started", "case.reply-submitted", "case.replied", "case.rated", "case.closed"], events.Select(e => e.Kind));
        Assert.Equal("true", events[4].Data["onTime"]);
        Assert.Equal("handler-1", events[4].Data["draftedBy"]);
        Assert.Equal("答复意见书：已整改。", file.ReplyText);
    }

    [Fact]
    public void Acceptance_starts_the_60_day_handling_limit_from_the_day_of_acceptance()
    {
        var file = Registered(At(2026, 3, 1)).Then(new AcceptCase(At(2026, 3, 2), "clerk-1"));
        Assert.Equal(SlaStage.Handling, file.Deadline!.Stage);
        Assert.Equal(new LocalDate(2026, 5, 6), file.Deadline.Deadline.DueDate); // 1 May is Labour Day → 6 May
    }

    [Fact]
    public void Accepting_a_closed_case_is_refused_with_a_bilingual_message()
    {
        var closed = CaseFile.RegisterResolvedOnTheSpot(Registration(At(2026, 3, 2)), Policy(SlaProfileCatalog.Petition), "当场解释政策，群众表示理解。").Case;
        var e = Assert.Throws<CaseRuleException>(() => closed.Apply(new AcceptCase(At(2026, 3, 3), "clerk-1")));
        Assert.Equal("不能从『已办结』转为『受理』 (cannot accept a closed case)", e.Message);
        Assert.Equal(CaseState.Closed, e.State);
        Assert.Equal(CaseAction.Accept, e.Action);
    }

    [Fact]
    public void On_the_spot_resolution_closes_at_registration_and_cannot_be_reviewed()
    {
        var t = CaseFile.RegisterResolvedOnTheSpot(Registration(At(2026, 3, 2)), Policy(SlaProfileCatalog.Petition), "现场办结");
        Assert.Equal(CaseState.Closed, t.Case.State);
        Assert.True(t.Case.ResolvedOnTheSpot);
        Assert.Null(t.Case.Deadline);
        Assert.Equal(CaseEventKinds.ResolvedOnTheSpot, t.Event.Kind);
        Assert.Equal(CaseState.Closed, t.Event.After);
        Assert.False(t.Case.TryApply(new RequestReview(At(2026, 3, 5), "resident", CityBureau, "不服"), out _, out var error));
        Assert.Contains("没有可复查的书面答复", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CaseFile.RegisterResolvedOnTheSpot(Registration(At(2026, 3, 2)), Policy(SlaProfileCatalog.Petition), " "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Not_accepting_needs_a_reason(string reason)
    {
        var file = Registered(At(2026, 3, 2));
        var e = Assert.Throws<CaseRuleException>(() => file.Apply(new NotAcceptCase(At(2026, 3, 3), "clerk-1", reason)));
        Assert.Contains("不予受理理由不能为空", e.Message, StringComparison.Ordinal);
        Assert.Equal(CaseState.Registered, file.State);
    }

    [Fact]
    public void A_case_not_accepted_can_be_closed_and_carries_its_reason()
    {
        var file = Registered(At(2026, 3, 2)).Then(new NotAcceptCase(At(2026, 3, 3), "clerk-1", "已经或者依法应当通过诉讼途径解决"));
        Assert.Equal(CaseState.NotAccepted, file.State);
        Assert.Null(file.Deadline);
        Assert.Equal(CaseState.Closed, file.Then(new CloseCase(At(2026, 3, 4), "clerk-1")).State);
    }

    [Fact]
    public void Transfer_needs_a_unit_and_leads_to_assignment()
    {
        var file = Registered(At(2026, 3, 2));
        Assert.Throws<CaseRuleException>(() => file.Apply(new TransferCase(At(2026, 3, 3), "clerk-1", Guid.Empty)));
        var transferred = file.Then(new TransferCase(At(2026, 3, 3), "clerk-1", Housing, "属住建局职责"));
        Assert.Equal(CaseState.Transferred, transferred.State);
        Assert.Equal(Housing, transferred.TransferredTo);
        Assert.Equal(SlaStage.Handling, transferred.Deadline!.Stage);
        Assert.Equal(CaseState.Assigned, transferred.Then(new AssignCase(At(2026, 3, 4), "housing-clerk", Housing)).State);
    }

    [Fact]
    public void Co_handlers_must_be_distinct_and_differ_from_the_handling_unit()
    {
        var accepted = Registered(At(2026, 3, 2)).Then(new AcceptCase(At(2026, 3, 3), "clerk-1"));
        Assert.Throws<CaseRuleException>(() => accepted.Apply(new AssignCase(At(2026, 3, 3), "clerk-1", Housing, [Housing])));
        Assert.Throws<CaseRuleException>(() => accepted.Apply(new AssignCase(At(2026, 3, 3), "clerk-1", Housing, [Labour, Labour])));
        Assert.Throws<CaseRuleException>(() => accepted.Apply(new AssignCase(At(2026, 3, 3), "clerk-1", Guid.Empty)));
        var assigned = accepted.Then(new AssignCase(At(2026, 3, 3), "clerk-1", Housing, [Labour]));
        Assert.Equal([Labour], assigned.CoHandlers);
    }

    [Fact]
    public void Reply_needs_the_written_reply_text()
    {
        var file = InProgress();
        Assert.Throws<CaseRuleException>(() => file.Apply(new SubmitReply(At(2026, 3, 20), "handler-1", "")));
        Assert.Throws<CaseRuleException>(() => file.Apply(new SubmitReply(At(2026, 3, 20), "handler-1", new string('字', 20_001))));
    }

    [Fact]
    public void A_reply_goes_out_only_when_someone_else_of_the_handling_unit_signs_off_the_submitted_draft()
    {
        var file = InProgress();
        var unsubmitted = Assert.Throws<CaseRuleException>(() => file.Apply(new ReplyToCase(At(2026, 3, 20), "director-1", "答复", Housing)));
        Assert.Contains("报送签发", unsubmitted.Message, StringComparison.Ordinal);

        var drafted = file.Then(new SubmitReply(At(2026, 3, 19), "handler-1", "经核查，已整改。"));
        Assert.Equal(CaseState.InProgress, drafted.State);
        Assert.Equal(new ReplyDraft("经核查，已整改。", "handler-1", At(2026, 3, 19)), drafted.PendingReply);
        Assert.Null(drafted.ReplyText);
        Assert.Throws<CaseRuleException>(() => drafted.Apply(new SubmitReply(At(2026, 3, 19, 12), "handler-2", "另一稿")));
        var own = Assert.Throws<CaseRuleException>(() => drafted.Apply(new ReplyToCase(At(2026, 3, 20), "handler-1", "", Housing)));
        Assert.Contains("自己起草", own.Message, StringComparison.Ordinal);
        var otherUnit = Assert.Throws<CaseRuleException>(() => drafted.Apply(new ReplyToCase(At(2026, 3, 20), "director-9", "", Labour)));
        Assert.Contains("承办单位", otherUnit.Message, StringComparison.Ordinal);

        var corrected = drafted.Apply(new ReplyToCase(At(2026, 3, 20), "director-1", "经核查，已整改；如不服可在30日内申请复查。", Housing));
        Assert.Equal(CaseState.Replied, corrected.Case.State);
        Assert.Null(corrected.Case.PendingReply);
        Assert.Equal("经核查，已整改；如不服可在30日内申请复查。", corrected.Case.ReplyText);
        Assert.Equal("handler-1", corrected.Event.Data["draftedBy"]);
        Assert.Equal("director-1", corrected.Event.Actor);
    }

    [Fact]
    public void A_returned_draft_needs_a_reason_and_the_handler_submits_again()
    {
        var drafted = InProgress().Then(new SubmitReply(At(2026, 3, 19), "handler-1", "已处理。"));
        Assert.Throws<CaseRuleException>(() => drafted.Apply(new ReturnReply(At(2026, 3, 20), "director-1", " ")));
        var returned = drafted.Apply(new ReturnReply(At(2026, 3, 20), "director-1", "未写明处理依据和复查权利"));
        Assert.Equal("case.reply-returned", returned.Event.Kind);
        Assert.Null(returned.Case.PendingReply);
        Assert.Equal(CaseState.InProgress, returned.Case.State);
        Assert.Throws<CaseRuleException>(() => returned.Case.Apply(new ReturnReply(At(2026, 3, 21), "director-1", "再次退回")));
        Assert.Throws<CaseRuleException>(() => returned.Case.Apply(new ReplyToCase(At(2026, 3, 21), "director-1", "", Housing)));
        var resubmitted = returned.Case.Then(new SubmitReply(At(2026, 3, 21), "handler-1", "依据《信访工作条例》第三十二条已整改；如不服可申请复查。"));
        Assert.Equal("handler-1", resubmitted.PendingReply!.DraftedBy);
    }

    [Fact]
    public void Actions_dated_before_the_previous_action_are_refused()
    {
        var file = InProgress();
        var e = Assert.Throws<CaseRuleException>(() => file.Apply(new SubmitReply(At(2026, 3, 1), "handler-1", "答复")));
        Assert.Contains("操作时间早于", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_within_30_days_of_the_reply_opens_a_review_stage_on_the_same_case()
    {
        var replied = Replied();
        Assert.Equal(new LocalDate(2026, 4, 20), replied.ReviewRequestWindow!.DueDate); // 19 Apr is a Sunday → 20 Apr
        var review = replied.Apply(new RequestReview(At(2026, 4, 10), "resident", CityBureau, "对处理意见不服"));
        Assert.Equal(CaseStage.Review, review.Case.Stage);
        Assert.Equal(CaseState.Accepted, review.Case.State);
        Assert.Equal(replied.Id, review.Case.Id);
        Assert.Equal(SlaStage.ReviewOpinion, review.Case.Deadline!.Stage);
        Assert.Equal(new LocalDate(2026, 5, 11), review.Case.Deadline.Deadline.DueDate); // 10 May is a Sunday → 11 May
        Assert.Null(review.Case.ReplyText);
        Assert.Equal(CaseStage.Review, review.Event.Stage);
    }

    [Fact]
    public void Review_after_the_30_day_window_is_refused()
    {
        var replied = Replied();
        var e = Assert.Throws<CaseRuleException>(() => replied.Apply(new RequestReview(At(2026, 4, 21), "resident", CityBureau, "不服")));
        Assert.Contains("期限已于", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Re_review_follows_review_and_after_it_the_same_facts_are_not_accepted_again()
    {
        var reviewed = Replied()
            .Then(new RequestReview(At(2026, 4, 10), "resident", CityBureau, "不服"))
            .Then(new AssignCase(At(2026, 4, 11), "city-clerk", CityBureau))
            .Then(new StartHandling(At(2026, 4, 12), "city-handler"))
            .SignedReply(At(2026, 4, 30), "复查意见：维持原处理意见。", "city-handler", "city-director");
        Assert.Throws<CaseRuleException>(() => reviewed.Apply(new RequestReview(At(2026, 5, 6), "resident", CityBureau, "再次不服")));
        var reReviewed = reviewed
            .Then(new RequestReReview(At(2026, 5, 6), "resident", ProvinceBureau, "对复查意见不服"))
            .Then(new AssignCase(At(2026, 5, 7), "province-clerk", ProvinceBureau))
            .Then(new StartHandling(At(2026, 5, 8), "province-handler"))
            .SignedReply(At(2026, 5, 20), "复核意见：维持。", "province-handler", "province-director");
        Assert.Equal(CaseStage.ReReview, reReviewed.Stage);
        Assert.Null(reReviewed.ReviewRequestWindow);
        var e = Assert.Throws<CaseRuleException>(() => reReviewed.Apply(new RequestReReview(At(2026, 5, 21), "resident", ProvinceBureau, "仍不服")));
        Assert.Contains("不再受理", e.Message, StringComparison.Ordinal);
        Assert.Throws<CaseRuleException>(() => reReviewed.Apply(new RequestReview(At(2026, 5, 21), "resident", CityBureau, "仍不服")));
    }

    [Fact]
    public void Re_review_without_a_review_is_refused()
    {
        var e = Assert.Throws<CaseRuleException>(() => Replied().Apply(new RequestReReview(At(2026, 3, 25), "resident", ProvinceBureau, "不服")));
        Assert.Contains("尚未复查", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approved_extension_adds_its_days_to_the_handling_limit()
    {
        var file = InProgress(); // accepted 3 March → last day 2 May (holiday) → 6 May
        Assert.Equal(new LocalDate(2026, 5, 6), file.Deadline!.Deadline.DueDate);
        var requested = file.Then(new RequestExtension(At(2026, 4, 20), "handler-1", 30, "涉及多个部门，需要现场勘验"));
        Assert.Equal(new LocalDate(2026, 5, 6), requested.Deadline!.Deadline.DueDate); // not before approval
        var approved = requested.Apply(new ApproveExtension(At(2026, 4, 21), "housing-director", Housing));
        Assert.Equal(new LocalDate(2026, 6, 1), approved.Case.Deadline!.Deadline.DueDate); // 2 May + 30 = 1 June
        Assert.Equal(ExtensionDecision.Approved, approved.Case.Extension!.Decision);
        Assert.Equal("2026-06-01", approved.Event.Data["dueDate"]);
    }

    [Fact]
    public void Only_one_extension_is_allowed_even_after_a_rejection()
    {
        var rejected = InProgress()
            .Then(new RequestExtension(At(2026, 4, 20), "handler-1", 10, "需补充材料"))
            .Then(new RejectExtension(At(2026, 4, 21), "housing-director", Housing, "可按期办结"));
        Assert.Equal(ExtensionDecision.Rejected, rejected.Extension!.Decision);
        Assert.Equal(new LocalDate(2026, 5, 6), rejected.Deadline!.Deadline.DueDate);
        var e = Assert.Throws<CaseRuleException>(() => rejected.Apply(new RequestExtension(At(2026, 4, 22), "handler-1", 10, "再次申请")));
        Assert.Contains("只能申请一次", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "理由")]
    [InlineData(31, "理由")]
    [InlineData(10, " ")]
    public void Extension_must_be_1_to_30_days_with_a_reason(int days, string reason) =>
        Assert.Throws<CaseRuleException>(() => InProgress().Apply(new RequestExtension(At(2026, 4, 20), "handler-1", days, reason)));

    [Fact]
    public void Extension_needs_a_leader_of_the_handling_unit_other_than_the_requester()
    {
        var requested = InProgress().Then(new RequestExtension(At(2026, 4, 20), "handler-1", 30, "理由"));
        Assert.Throws<CaseRuleException>(() => requested.Apply(new ApproveExtension(At(2026, 4, 21), "handler-1", Housing)));
        Assert.Throws<CaseRuleException>(() => requested.Apply(new ApproveExtension(At(2026, 4, 21), "labour-director", Labour)));
        Assert.Throws<CaseRuleException>(() => InProgress().Apply(new ApproveExtension(At(2026, 4, 21), "housing-director", Housing)));
    }

    [Fact]
    public void Extension_after_the_deadline_passed_is_refused() =>
        Assert.Throws<CaseRuleException>(() => InProgress().Apply(new RequestExtension(At(2026, 5, 7), "handler-1", 30, "理由")));

    [Fact]
    public void Hotline_profile_allows_no_extension_and_urgent_calls_are_due_in_two_hours()
    {
        var urgent = Registered(At(2026, 10, 1, 22), channel: CaseChannel.Hotline12345, urgent: true);
        Assert.Equal(SlaStage.UrgentResponse, urgent.Deadline!.Stage);
        Assert.Equal(At(2026, 10, 2, 0), urgent.Deadline.Deadline.Due);
        var inProgress = Registered(At(2026, 9, 30, 10), channel: CaseChannel.Hotline12345)
            .Then(new AcceptCase(At(2026, 9, 30, 11), "operator"))
            .Then(new AssignCase(At(2026, 9, 30, 11), "operator", Housing))
            .Then(new StartHandling(At(2026, 9, 30, 12), "handler-1"));
        Assert.Equal(new LocalDate(2026, 10, 10), inProgress.Deadline!.Deadline.DueDate); // counted from registration
        Assert.Throws<CaseRuleException>(() => inProgress.Apply(new RequestExtension(At(2026, 10, 8), "handler-1", 5, "理由")));
    }

    [Fact]
    public void Procuratorate_cases_get_a_7_day_procedural_reply_then_3_months_from_receipt()
    {
        var file = Registered(At(2026, 1, 31), channel: CaseChannel.Procuratorate12309);
        Assert.Equal(SlaStage.ProceduralReply, file.Deadline!.Stage);
        Assert.Equal(new LocalDate(2026, 2, 9), file.Deadline.Deadline.DueDate); // 7 Feb is a Saturday → 9 Feb
        var accepted = file.Then(new AcceptCase(At(2026, 2, 5), "procurator"));
        Assert.Equal(SlaStage.Result, accepted.Deadline!.Stage);
        Assert.Equal(new LocalDate(2026, 4, 30), accepted.Deadline.Deadline.DueDate);
    }

    [Fact]
    public void No_rating_is_recorded_only_after_the_rating_window_and_late_ratings_are_refused()
    {
        var replied = Replied(); // rating window 30 days: last day 20 April
        Assert.Throws<CaseRuleException>(() => replied.Apply(new RecordNoRating(At(2026, 4, 1), "system")));
        Assert.Throws<CaseRuleException>(() => replied.Apply(new RateCase(At(2026, 4, 21), "resident", CaseRating.Satisfied)));
        Assert.Throws<CaseRuleException>(() => replied.Apply(new RateCase(At(2026, 3, 21), "resident", CaseRating.NotRated)));
        var notRated = replied.Then(new RecordNoRating(At(2026, 4, 21), "system"));
        Assert.Equal(CaseRating.NotRated, notRated.Rating);
        Assert.Equal(CaseState.Rated, notRated.State);
    }

    [Fact]
    public void Disputes_record_sessions_an_agreement_and_whether_it_was_honoured()
    {
        var file = InProgress(CaseKind.Dispute);
        Assert.Throws<CaseRuleException>(() => file.Apply(new RecordMediationAgreement(At(2026, 3, 5), "mediator", "协议")));
        file = file
            .Then(new RecordMediationSession(At(2026, 3, 5), "mediator-1", "张调解员", "双方陈述，初步达成一致"))
            .Then(new RecordMediationAgreement(At(2026, 3, 6), "mediator-1", "甲方于三月底前赔偿乙方 2000 元"));
        Assert.Throws<CaseRuleException>(() => file.Apply(new RecordMediationAgreement(At(2026, 3, 7), "mediator-1", "第二份")));
        file = file
            .SignedReply(At(2026, 3, 7, 18), "调解成功，已达成调解协议", "mediator-1")
            .Then(new RecordAgreementFollowUp(At(2026, 4, 2), "grid-member", true, "已足额赔付"));
        Assert.Single(file.MediationSessions);
        Assert.True(file.Agreement!.Honoured);
    }

    [Fact]
    public void Suspension_stops_the_clock_and_moves_the_handling_limit_by_the_suspended_days()
    {
        var file = InProgress(); // last day 2 May (nominal) → 6 May
        var suspended = file.Then(new SuspendHandling(At(2026, 3, 10), "handler-1", "等待司法鉴定结论"));
        Assert.Equal(At(2026, 3, 10), suspended.SuspendedAt);
        var e = Assert.Throws<CaseRuleException>(() => suspended.Apply(new SubmitReply(At(2026, 3, 15), "handler-1", "答复")));
        Assert.Contains("已中止办理", e.Message, StringComparison.Ordinal);
        Assert.Equal(DeadlineStatus.OnTrack, suspended.DeadlineStatusAt(At(2026, 6, 1))); // frozen while suspended
        var resumed = suspended.Apply(new ResumeHandling(At(2026, 3, 20), "handler-1"));
        Assert.Null(resumed.Case.SuspendedAt);
        Assert.Equal(new LocalDate(2026, 5, 12), resumed.Case.Deadline!.Deadline.DueDate); // 2 May + 10 days
        Assert.Equal("case.resumed", resumed.Event.Kind);
    }

    [Fact]
    public void Resuming_a_case_that_is_not_suspended_and_suspending_without_a_reason_are_refused()
    {
        Assert.Throws<CaseRuleException>(() => InProgress().Apply(new ResumeHandling(At(2026, 3, 10), "handler-1")));
        Assert.Throws<CaseRuleException>(() => InProgress().Apply(new SuspendHandling(At(2026, 3, 10), "handler-1", "")));
    }

    [Fact]
    public void Petitions_are_not_mediated()
    {
        var e = Assert.Throws<CaseRuleException>(() => InProgress().Apply(new RecordMediationSession(At(2026, 3, 5), "m", "张", "x")));
        Assert.Contains("只有矛盾纠纷", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadline_status_follows_the_running_limit()
    {
        var file = Registered(At(2026, 3, 2)); // acceptance notice, last day 17 March
        Assert.Equal(DeadlineStatus.OnTrack, file.DeadlineStatusAt(At(2026, 3, 3)));
        Assert.Equal(DeadlineStatus.DueSoon, file.DeadlineStatusAt(At(2026, 3, 13)));
        Assert.Equal(DeadlineStatus.Overdue, file.DeadlineStatusAt(At(2026, 3, 18)));
        Assert.Null(Replied().DeadlineStatusAt(At(2026, 3, 21)));
    }

    [Fact]
    public void Events_chain_into_a_verifiable_hash_chain()
    {
        var registration = Registration(At(2026, 3, 2));
        var first = CaseFile.Register(registration, Policy(SlaProfileCatalog.Petition));
        var accepted = first.Case.Apply(new AcceptCase(At(2026, 3, 3), "clerk-1"));
        var assigned = accepted.Case.Apply(new AssignCase(At(2026, 3, 3), "clerk-1", Housing, [Labour]));
        var events = new List<CaseEvent> { first.Event, accepted.Event, assigned.Event };
        var previous = EventChain.Genesis;
        var chain = new List<(EventChain.Link, string, string)>();
        for (var i = 0; i < events.Count; i++)
        {
            var link = events[i].ToLink(registration.CaseId, i + 1);
            var hash = EventChain.Hash(previous, link);
            chain.Add((link, previous, hash));
            previous = hash;
        }
        Assert.Null(EventChain.FirstBrokenLink(chain));
        Assert.Contains("\"dueDate\":\"2026-05-06\"", events[1].DataJson(), StringComparison.Ordinal);
        Assert.Contains("\"before\":\"Registered\"", events[1].DataJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_rebuilds_the_same_case()
    {
        var registration = Registration(At(2026, 3, 2));
        var policy = Policy(SlaProfileCatalog.Petition);
        CaseCommand[] commands = [new AcceptCase(At(2026, 3, 3), "clerk-1"), new AssignCase(At(2026, 3, 3), "clerk-1", Housing)];
        var replayed = CaseFile.Replay(registration, policy, commands);
        Assert.Equal(CaseState.Assigned, replayed.State);
        Assert.Equal(3, replayed.Version);
    }

    [Fact]
    public void A_case_is_rebuilt_from_its_stored_event_log()
    {
        var registration = Registration(At(2026, 3, 2)) with { Kind = CaseKind.Dispute };
        var t = CaseFile.Register(registration, Policy(SlaProfileCatalog.Petition));
        var links = new List<EventChain.Link> { t.Event.ToLink(registration.CaseId, 1) };
        var file = t.Case;
        foreach (var command in new CaseCommand[]
                 {
                     new AcceptCase(At(2026, 3, 3), "clerk-1"),
                     new AssignCase(At(2026, 3, 3), "clerk-1", Housing, [Labour, CityBureau]),
                     new StartHandling(At(2026, 3, 4), "handler-1"),
                     new RequestExtension(At(2026, 3, 5), "handler-1", 20, "需要鉴定"),
                     new ApproveExtension(At(2026, 3, 6), "director", Housing),
                     new RecordMediationSession(At(2026, 3, 7), "m", "张调解员", "第一次调解"),
                     new RecordMediationAgreement(At(2026, 3, 8), "m", "赔偿 500 元"),
                     new SubmitReply(At(2026, 3, 9), "handler-1", "调解成功"),
                     new ReplyToCase(At(2026, 3, 9, 12), "director", "", Housing),
                 })
        {
            var next = file.Apply(command);
            links.Add(next.Event.ToLink(registration.CaseId, links.Count + 1));
            file = next.Case;
        }
        var rebuilt = CaseReplay.Rehydrate(registration.CaseId, links.Select(CaseEvent.FromLink), SlaProfileCatalog.DefaultSelector, Calculator);
        Assert.Equal(file.State, rebuilt.State);
        Assert.Equal(file.Deadline, rebuilt.Deadline);
        Assert.Equal(file.ReviewRequestWindow, rebuilt.ReviewRequestWindow);
        Assert.Equal(file.CoHandlers, rebuilt.CoHandlers);
        Assert.Equal(file.ReplyText, rebuilt.ReplyText);
        Assert.Equal(file.Agreement, rebuilt.Agreement);
        Assert.Equal(file.Extension, rebuilt.Extension);
    }

    [Fact]
    public void Tampered_or_malformed_event_data_is_refused_on_rebuild()
    {
        var registration = Registration(At(2026, 3, 2));
        var t = CaseFile.Register(registration, Policy(SlaProfileCatalog.Petition));
        var link = t.Event.ToLink(registration.CaseId, 1);
        Assert.Throws<FormatException>(() => CaseEvent.FromLink(link with { Data = "{" }));
        Assert.Throws<FormatException>(() => CaseEvent.FromLink(link with { Data = "{}" }));
        var accepted = t.Case.Apply(new AcceptCase(At(2026, 3, 3), "clerk-1")).Event;
        var forged = accepted with { After = CaseState.Closed };
        Assert.Throws<InvalidOperationException>(() =>
            CaseReplay.Rehydrate(registration.CaseId, [t.Event, forged], SlaProfileCatalog.DefaultSelector, Calculator));
        Assert.Throws<InvalidOperationException>(() =>
            CaseReplay.Rehydrate(registration.CaseId, [accepted], SlaProfileCatalog.DefaultSelector, Calculator));
    }

    [Fact]
    public void Bad_registrations_are_refused()
    {
        var policy = Policy(SlaProfileCatalog.Petition);
        Assert.Throws<ArgumentException>(() => CaseFile.Register(Registration(At(2026, 3, 2)) with { CaseId = Guid.Empty }, policy));
        Assert.Throws<ArgumentException>(() => CaseFile.Register(Registration(At(2026, 3, 2)) with { Kind = (CaseKind)9 }, policy));
        Assert.Throws<ArgumentException>(() => CaseFile.Register(Registration(At(2026, 3, 2)) with { Actor = "" }, policy));
        Assert.Throws<ArgumentNullException>(() => CaseFile.Register(Registration(At(2026, 3, 2)), null!));
    }
}

import { describe, expect, it } from "vitest";
import { PreChat, checkPreChat, formAnswers, formFailure, type PreChatDraft } from "../src/widget/prechat";
import { VisitorConversations } from "../src/widget/conversations";
import type { ConversationPost, LeaveMessageRequest, PreChatForm, QueueForm } from "../src/shared/protocol";
import { ServerError } from "../src/shared/errors";
import { FakeHub, noUploads, unavailable } from "./fakes";

const form: PreChatForm = {
  name: "required",
  email: "optional",
  fields: [
    { key: "company", label: "Company", kind: "text", required: false, options: [] },
    { key: "seats", label: "Seats", kind: "number", required: false, options: [] },
    { key: "billing", label: "Billing email", kind: "email", required: false, options: [] },
    { key: "plan", label: "Plan", kind: "select", required: true, options: ["Starter", "Pro"] },
  ],
  consent: { text: "You may keep this chat.", required: true },
};

const good: PreChatDraft = { name: " Rosa ", email: "", fields: { company: " Acme ", seats: "12", plan: "Pro" }, consent: true };
const with_ = (change: Partial<PreChatDraft> & { set?: Record<string, string> }): PreChatDraft =>
  ({ ...good, ...change, fields: { ...good.fields, ...change.set } });

describe("checking the pre-chat form's answers", () => {
  it("passes good answers, and a form that is not there asks nothing", () => {
    expect(checkPreChat(form, good)).toBeNull();
    expect(checkPreChat(null, { name: "", email: "", fields: {}, consent: false })).toBeNull();
  });

  it("names the first field to fix, in the form's order, as the server's rules say", () => {
    expect(checkPreChat(form, with_({ name: "  " }))).toEqual({ field: "name", text: "Enter your name." });
    expect(checkPreChat(form, with_({ name: "x".repeat(101) }))?.field).toBe("name");
    expect(checkPreChat(form, with_({ email: "rosa@" }))?.field).toBe("email"); // optional, but given: it must be an address
    expect(checkPreChat(form, with_({ set: { seats: "a dozen" } }))).toEqual({ field: "seats", text: "“Seats” must be a number, such as 42." });
    for (const n of ["42", "-3.5", ".5", "1e3", " 7 "]) expect(checkPreChat(form, with_({ set: { seats: n } }))).toBeNull();
    expect(checkPreChat(form, with_({ set: { billing: "not an address" } }))?.field).toBe("billing");
    expect(checkPreChat(form, with_({ set: { plan: "" } }))).toEqual({ field: "plan", text: "Choose “Plan”." });
    expect(checkPreChat(form, with_({ set: { plan: "pro" } }))?.field).toBe("plan"); // options are exact
    expect(checkPreChat(form, with_({ set: { company: "x".repeat(1001) } }))?.field).toBe("company");
    expect(checkPreChat(form, with_({ consent: false }))?.field).toBe("consent");
    expect(checkPreChat(form, with_({ name: "", consent: false }))?.field).toBe("name");
  });

  it("asks a left message's address whatever the form says", () => {
    expect(checkPreChat({ ...form, email: "hidden" }, good)).toBeNull();
    expect(checkPreChat({ ...form, email: "hidden" }, good, true)?.field).toBe("email");
  });
});

describe("the answers sent", () => {
  it("carry what the form asks and the visitor gave, trimmed, and the consent as true or false", () => {
    expect(formAnswers(form, good)).toEqual({ name: "Rosa", company: "Acme", seats: "12", plan: "Pro", consent: "true" });
    expect(formAnswers({ ...form, name: "hidden" }, with_({ email: " r@example.com ", consent: false })))
      .toEqual({ email: "r@example.com", company: "Acme", seats: "12", plan: "Pro", consent: "false" });
    expect(formAnswers(form, with_({ email: "r@example.com" }), false)).toEqual({ company: "Acme", seats: "12", plan: "Pro", consent: "true" });
  });

  it("take the server's refusal back to its field, and leave other refusals alone", () => {
    expect(formFailure(new ServerError("invalid", "form.plan must be one of: Starter, Pro.")))
      .toEqual({ field: "plan", text: "Please check this answer: must be one of: Starter, Pro." });
    expect(formFailure(new Error("HubException: too_large: form.company is longer than 1000 characters."))?.field).toBe("company");
    expect(formFailure(new ServerError("invalid", "topic is longer than 200 characters."))).toBeNull();
    expect(formFailure(new ServerError("conflict", "form.plan whatever"))).toBeNull();
  });
});

describe("the widget's copy of the form", () => {
  it("is read again on refresh, and keeps what it knew when the read fails", async () => {
    let answer: () => Promise<QueueForm> = async () => ({ queueId: "support", form });
    const preChat = new PreChat(() => answer());
    await preChat.refresh();
    expect(preChat.form.value).toBe(form);
    answer = async () => { throw unavailable(); };
    await preChat.refresh();
    expect(preChat.form.value).toBe(form);
    answer = async () => ({ queueId: "support", form: null });
    await preChat.refresh();
    expect(preChat.form.value).toBeNull();
    preChat.setField("plan", "Pro");
    preChat.setField("seats", "3");
    expect(preChat.fields.value).toEqual({ plan: "Pro", seats: "3" });

    // A problem goes once the visitor changes its field, not another.
    preChat.problem.value = { field: "consent", text: "Please tick the box to agree before we go on." };
    preChat.setField("plan", "Starter");
    expect(preChat.problem.value?.field).toBe("consent");
    preChat.setConsent(true);
    expect(preChat.problem.value).toBeNull();
  });
});

describe("leaving a message with the queue's form", () => {
  function setup() {
    const hub = new FakeHub();
    const conversations = new VisitorConversations(hub, { load: () => ({}), save: () => {} }, () => "v_1", () => true, noUploads);
    conversations.draft.name.value = "";
    conversations.draft.email.value = "ola@example.com";
    conversations.draft.text.value = "Call me back";
    return { hub, conversations };
  }

  it("checks the form's questions with the message's own, and sends its answers beside the name and email", async () => {
    const { hub, conversations } = setup();
    const requests: LeaveMessageRequest[] = [];
    hub.handle("LeaveMessage", (request: LeaveMessageRequest) => {
      requests.push(request);
      throw new ServerError("invalid", "form.plan must be one of: Starter, Pro.");
    });
    const answers = { form, fields: { plan: "Pro" }, consent: true };
    expect(await conversations.leaveMessage("sales", answers)).toBeNull();
    expect(conversations.leaveProblem.value).toEqual({ field: "name", text: "Enter your name." });
    expect(hub.calls).toEqual([]);

    conversations.draft.name.value = "Ola";
    await conversations.leaveMessage("sales", answers);
    expect(requests[0]).toMatchObject({ queueId: "sales", name: "Ola", email: "ola@example.com", form: { plan: "Pro", consent: "true" } });
    // The server's refusal goes to the field it names; everything typed stays.
    expect(conversations.leaveProblem.value?.field).toBe("plan");
    expect(conversations.draft.text.value).toBe("Call me back");
  });

  it("sends no answers where the queue has no form", async () => {
    const { hub, conversations } = setup();
    const requests: LeaveMessageRequest[] = [];
    hub.handle("LeaveMessage", (request: LeaveMessageRequest) => { requests.push(request); return new Promise<ConversationPost>(() => {}); });
    void conversations.leaveMessage("sales");
    await Promise.resolve();
    expect(requests[0].form).toBeNull();
  });
});

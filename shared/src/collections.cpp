#include "kete/collections.h"

#include <array>

namespace kete {
namespace {

using F = FieldType;
constexpr std::size_t kTitle = 300;
constexpr std::size_t kBody = 100000;

constexpr FieldSpec kAnnouncements[] = {{"title", F::text, kTitle}, {"body", F::text, kBody}, {"pinned", F::boolean}};
constexpr FieldSpec kPolicies[] = {{"title", F::text, kTitle},        {"body", F::text, kBody},
                                   {"version_label", F::text, 50},    {"blob", F::sha256},
                                   {"requires_ack", F::boolean}};
constexpr FieldSpec kAcknowledgements[] = {{"user_id", F::uuid},      {"tenant_id", F::uuid},
                                           {"policy_id", F::uuid},    {"policy_version", F::text, 50},
                                           {"content_sha256", F::sha256}, {"acknowledged_at", F::timestamp}};
constexpr FieldSpec kProcedures[] = {{"title", F::text, kTitle}, {"body", F::text, kBody}, {"category", F::text, 100}};
constexpr FieldSpec kPayslips[] = {{"user_id", F::uuid},       {"period_start", F::date}, {"period_end", F::date},
                                   {"gross_cents", F::integer}, {"net_cents", F::integer}, {"blob", F::sha256}};
constexpr FieldSpec kEmploymentRecords[] = {{"user_id", F::uuid}, {"kind", F::text, 100}, {"title", F::text, kTitle},
                                            {"blob", F::sha256}};
constexpr FieldSpec kLeaveBalances[] = {{"user_id", F::uuid}, {"leave_type", F::text, 50}, {"balance", F::integer},
                                        {"unit", F::text, 10}, {"as_at", F::date}};
constexpr FieldSpec kLeaveRequests[] = {{"user_id", F::uuid},       {"leave_type", F::text, 50}, {"start", F::date},
                                        {"end", F::date},           {"hours", F::integer},       {"reason", F::text, 2000},
                                        {"status", F::text, 20},    {"approver_id", F::uuid},    {"decision_note", F::text, 2000}};
constexpr FieldSpec kShifts[] = {{"user_id", F::uuid}, {"start", F::timestamp}, {"end", F::timestamp},
                                 {"location", F::text, 200}, {"role", F::text, 100}};
constexpr FieldSpec kFormTemplates[] = {{"name", F::text, kTitle}, {"fields", F::array}, {"routing", F::object}};
constexpr FieldSpec kFormSubmissions[] = {{"user_id", F::uuid},    {"template_id", F::uuid}, {"values", F::object},
                                          {"status", F::text, 20}, {"approver_id", F::uuid}, {"decision_note", F::text, 2000}};
constexpr FieldSpec kDocuments[] = {{"tenant_id", F::uuid},  {"folder", F::text, 500},    {"title", F::text, kTitle},
                                    {"blob", F::sha256},     {"size", F::integer},        {"mime", F::text, 200},
                                    {"client_visible", F::boolean}, {"request_id", F::uuid},
                                    {"request_item", F::text, 300}};
// items: the checklist, [{"name", "status": "open"|"uploaded", "document_id"?}]
constexpr FieldSpec kDocumentRequests[] = {{"tenant_id", F::uuid},   {"title", F::text, kTitle},
                                           {"description", F::text, 2000}, {"due", F::date},
                                           {"status", F::text, 20},  {"fulfilled_document_id", F::uuid},
                                           {"items", F::array}};
// stages: [{"name", "done_on"?: date}] (plain names are read too); stage: the current one's name
constexpr FieldSpec kJobs[] = {{"tenant_id", F::uuid}, {"title", F::text, kTitle}, {"stage", F::text, 100},
                               {"stages", F::array},  {"next_step", F::text, 1000}};
constexpr FieldSpec kInvoices[] = {{"tenant_id", F::uuid},         {"number", F::text, 50},
                                   {"reference", F::text, 255},    {"amount_cents", F::integer},
                                   {"amount_paid_cents", F::integer}, {"amount_due_cents", F::integer},
                                   {"currency", F::text, 3},       {"issued", F::date},
                                   {"due", F::date},               {"status", F::text, 20},
                                   {"lines", F::array},            {"source", F::text, 20}};
constexpr FieldSpec kPayments[] = {{"tenant_id", F::uuid}, {"invoice_id", F::uuid}, {"amount_cents", F::integer},
                                   {"currency", F::text, 3}, {"paid_at", F::timestamp}, {"reference", F::text, 255},
                                   {"source", F::text, 20}};
// A message may carry one file (blob, with size and mime set by the server) named file_name.
constexpr FieldSpec kMessages[] = {{"tenant_id", F::uuid}, {"body", F::text, 20000}, {"blob", F::sha256},
                                   {"size", F::integer},   {"mime", F::text, 200},   {"file_name", F::text, 255}};
constexpr FieldSpec kSignatureEnvelopes[] = {{"tenant_id", F::uuid},       {"document_id", F::uuid},
                                             {"document_sha256", F::sha256}, {"status", F::text, 20},
                                             {"signer_name", F::text, 200}};
// How a client appears in the accounting system's exports, confirmed once by staff and used for
// every later import (never a guess from the name).
constexpr FieldSpec kAccountingContacts[] = {{"tenant_id", F::uuid}, {"source", F::text, 20},
                                             {"contact_name", F::text, 300}, {"email", F::text, 254}};
constexpr FieldSpec kClientNotes[] = {{"tenant_id", F::uuid}, {"body", F::text, kBody}};
constexpr FieldSpec kPartnerResources[] = {{"title", F::text, kTitle}, {"category", F::text, 100}, {"blob", F::sha256},
                                           {"requires_ack", F::boolean}};
constexpr FieldSpec kPartnerMetrics[] = {{"tenant_id", F::uuid}, {"period", F::text, 20}, {"metric", F::text, 100},
                                         {"value", F::integer}};

using B = BucketFamily;
constexpr std::array kCollections{
    CollectionSpec{"announcements", B::internal, false, kAnnouncements},
    CollectionSpec{"policies", B::internal, false, kPolicies},
    CollectionSpec{"acknowledgements", B::acknowledgement, true, kAcknowledgements},
    CollectionSpec{"procedures", B::internal, false, kProcedures},
    CollectionSpec{"payslips", B::user, false, kPayslips},
    CollectionSpec{"employment_records", B::user, false, kEmploymentRecords},
    CollectionSpec{"leave_balances", B::user, false, kLeaveBalances},
    CollectionSpec{"leave_requests", B::user_approvals, false, kLeaveRequests},
    CollectionSpec{"shifts", B::internal, false, kShifts},
    CollectionSpec{"form_templates", B::internal, false, kFormTemplates},
    CollectionSpec{"form_submissions", B::user_approvals, false, kFormSubmissions},
    CollectionSpec{"documents", B::client_document, false, kDocuments},
    CollectionSpec{"document_requests", B::client, false, kDocumentRequests},
    CollectionSpec{"jobs", B::client, false, kJobs},
    CollectionSpec{"invoices", B::client_billing, false, kInvoices},
    CollectionSpec{"payments", B::client_billing, false, kPayments},
    CollectionSpec{"messages", B::client, true, kMessages},
    CollectionSpec{"signature_envelopes", B::client, false, kSignatureEnvelopes},
    CollectionSpec{"client_notes", B::client_internal, false, kClientNotes},
    CollectionSpec{"accounting_contacts", B::client_internal, false, kAccountingContacts},
    CollectionSpec{"partner_resources", B::partners, false, kPartnerResources},
    CollectionSpec{"partner_metrics", B::partner, false, kPartnerMetrics},
};

}  // namespace

const CollectionSpec* find_collection(std::string_view name) {
  for (const auto& c : kCollections)
    if (c.name == name) return &c;
  return nullptr;
}

std::span<const CollectionSpec> all_collections() { return kCollections; }

const FieldSpec* find_field(const CollectionSpec& spec, std::string_view name) {
  for (const auto& f : spec.fields)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace kete

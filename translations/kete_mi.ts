<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="mi_NZ">
<context>
    <name>QObject</name>
    <message>
        <source>Policies, procedures, leave, rosters and your clients, in one place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your staff portal. Announcements, policies to acknowledge, procedures and training, your payslips and leave, rosters, internal forms and the clients you look after will appear here as your organisation adds them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network resources and your own performance figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your partner portal. The network&apos;s brand, procedure, training, marketing and compliance resources, and your own performance figures, will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announcements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the client for %1 &lt;%2&gt; to import this invoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already recorded for another client. Check which client %2 is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported; nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed since the last import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new, %2 updated, %3 already up to date, %4 not imported; %5 payment(s) recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded in Xero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not UTF-8 text, which is how Xero exports it; it may have been saved again by a spreadsheet. Export the invoices from Xero again, or save the file as &quot;CSV UTF-8&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a CSV file. Choose the sales invoices CSV file exported from Xero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; has more than two decimal places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not an amount of money (like 1,234.50)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a credit note, not an invoice (Type &quot;%2&quot;); credit notes are not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an overpayment, not an invoice (Type &quot;%2&quot;); overpayments are not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a sales invoice (Type &quot;%2&quot;); only sales invoices are imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a draft in Xero, and drafts are not sent to clients, so it is not imported. Approve it in Xero and export again to bring it in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was deleted in Xero, so it is not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty, so the amount of this line cannot be worked out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity &quot;%1&quot; is not a number (like 1.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount &quot;%1&quot; is not a percentage from 0 to 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount of this line (Quantity %1 x UnitAmount %2) is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this line has %1 values but the file has %2 columns (a value containing a comma may be missing its quotes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a date (DD/MM/YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency &quot;%1&quot; is not a three-letter currency code like NZD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status &quot;%1&quot; is not an invoice status Kete knows (Awaiting Payment, Paid, Voided, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 here, %3 on line %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a different %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice %1 repeats with %2. %3 Every line of an invoice must carry the same invoice details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This line was not imported, and neither was the invoice (see line %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice %1 was not imported; correct it in Xero or in the file and import again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice %1 was not imported because its first line (line %2) has a problem; this line was left out with it. Fix line %2 and import again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This line of invoice %1 was not imported; correct it in Xero or in the file and import again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This line was not imported and the invoice keeps the details of line %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice %1 was not imported: its total is worked out from its lines, and line %2 could not be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read: a double quote on line %1 is never closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no %1 column, so it cannot be imported as Xero invoices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no %1 columns, so it cannot be imported as Xero invoices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the sales invoices CSV file exported from Xero, or a file made from Xero&apos;s invoice import template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its values are separated by %1, not commas: save it as CSV (comma-separated) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tabs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This line was not imported; every line needs the number of its invoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a double quote opened here is never closed, so nothing from this line to the end of the file could be read. Check that the file is complete and was not edited by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file kept on this computer was changed or damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file kept on this computer is not complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a document request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a document to sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded the file of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>brought your records up to date on their computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed to sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>was refused a change to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed who sees invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All client documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to %1. What we need from you, your documents, your jobs, your invoices and a private line to us — all here, also when you are offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who opened my records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app</name>
    <message>
        <source>Server address to offer at sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the first window as a PNG and quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::AccessLogPage</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list could not be fetched (%1). What is shown was saved earlier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone at the business who opens your records is recorded here. Refresh to see the latest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone at the business who opened your records, newest first (as of %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::ApiClient</name>
    <message>
        <source>Enter the server address your organisation gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That server address is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kete only connects over https.</source>
        <translation>Ka tūhono a Kete mā te https anake.</translation>
    </message>
    <message>
        <source>That address answers, but it is not a Kete server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Kāore e taea te tae atu ki te tūmau: %1</translation>
    </message>
</context>
<context>
    <name>kete::app::AppWindow</name>
    <message>
        <source>Not signed in</source>
        <translation>Kāore anō kia takiuru</translation>
    </message>
    <message>
        <source>This computer&apos;s keychain could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>E tūhono ana…</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Kua mutu tō wātū. Takiuru anō mai.</translation>
    </message>
    <message>
        <source>Offline — showing what this computer has saved</source>
        <translation>Tuimotu — e whakaatu ana i ngā mea kua tiakina ki tēnei rorohiko</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Kua tūhono ki %1</translation>
    </message>
    <message>
        <source>Signed out, but the keychain entry could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline cache unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished">%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) need your decision</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kete::app::ClientHomePage</name>
    <message>
        <source>What needs you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send us: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (%n item(s) to go)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay invoice %1: %2 — %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing needs you right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs under way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made on this computer are not sent yet. They go to us as soon as you are online.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kete::app::ClientsPage</name>
    <message>
        <source>Find a client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for the team (never shown to the client)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished">Īmēra</translation>
    </message>
    <message>
        <source>Sees invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clients are assigned to you yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now sees invoices and payments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer sees invoices and payments; they are removed from their computer at their next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you are offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::DocumentBrowser</name>
    <message>
        <source>Search documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed · time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New version of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n earlier version(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file; folders are uploaded file by file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document has no file yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program on this computer opens %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting its turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>will try again: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s · %2 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::HomePage</name>
    <message>
        <source>Sign out</source>
        <translation>Takiputa</translation>
    </message>
    <message>
        <source>Kia ora, %1</source>
        <translation>Kia ora, %1</translation>
    </message>
    <message>
        <source>%1 · %2 · offline</source>
        <translation>%1 · %2 · tuimotu</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) kept on this computer for offline use.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kete::app::InvoicesPage</name>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from Xero…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments for the selected invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No invoices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to pay. Thank you!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To pay: %1, of which %2 is overdue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To pay: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an invoice first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::JobTimeline</name>
    <message>
        <source>Stage %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::JobsPage</name>
    <message>
        <source>Move to the next stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what happens next…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the client:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted
Valuation
Approved
Settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stages, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::MessagesPage</name>
    <message>
        <source>Write a message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent yet — goes when you are online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages with this client yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet. Write to us here; only you and the people looking after you can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1… the message appears when the file has arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::ProblemsDialog</name>
    <message>
        <source>Changes that need your decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the server now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by someone else meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished">%1 · %2</translation>
    </message>
    <message>
        <source>Someone changed this on the server after you. Keep your version, or take theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept this change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard my change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::RecordListModel</name>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::RequestsPage</name>
    <message>
        <source>What we need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload a file for this item…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New document request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One item per line, e.g.
Cheque account, March
Cheque account, April</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note to the client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request needs a title and at least one item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 of %2 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1 for “%2”. It is ticked off once it has arrived; you can keep working, or close the app — it carries on next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reminder about “%1”, due %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still to come: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder sent in the client&apos;s messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When we need documents from you, they are listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::SignInPage</name>
    <message>
        <source>Sign in to continue</source>
        <translation>Takiuru kia haere tonu</translation>
    </message>
    <message>
        <source>portal.example.co.nz:8443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@example.co.nz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Wāhitau tūmau</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Īmēra</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kupuhipa</translation>
    </message>
    <message>
        <source>Trust this server</source>
        <translation>Whakawhirinaki ki tēnei tūmau</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Whakakore</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Takiuru</translation>
    </message>
    <message>
        <source>Need help? %1 · %2</source>
        <translation>Me āwhina? %1 · %2</translation>
    </message>
    <message>
        <source>Enter the e-mail address you sign in with.</source>
        <translation>Tāurua mai te īmēra e takiuru ai koe.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Tāurua mai tō kupuhipa.</translation>
    </message>
    <message>
        <source>Contacting server…</source>
        <translation>E whakapā ana ki te tūmau…</translation>
    </message>
    <message>
        <source>This server&apos;s certificate is not the one this app expects. Do not continue; contact %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First connection to %1. Check that this certificate fingerprint matches the one your administrator gave you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to confirm…</source>
        <translation>E tatari ana kia whakaū koe…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>E takiuru ana…</translation>
    </message>
    <message>
        <source>Signed in, but this computer&apos;s keychain refused to keep the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you first trusted it. Do not continue; contact your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Kāore e taea te tae atu ki te tūmau: %1</translation>
    </message>
    <message>
        <source>The e-mail address or password is not right.</source>
        <translation>Kāore i tika te īmēra, te kupuhipa rānei.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a few minutes, then try again.</source>
        <translation>He maha rawa ngā whakamātau. Tatari mō ētahi meneti, ka ngana anō ai.</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>Waehere 6-mati</translation>
    </message>
    <message>
        <source>Code from your authenticator app</source>
        <translation>Te waehere mai i tō taupānga motuhēhē</translation>
    </message>
    <message>
        <source>That code is not right. Enter the current code from your authenticator app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>Tāurua mai te waehere 6-mati mai i tō taupānga motuhēhē.</translation>
    </message>
</context>
<context>
    <name>kete::app::SyncEngine</name>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>E tukutahi ana…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Kua tōrite</translation>
    </message>
    <message numerus="yes">
        <source>Up to date, %n change(s) waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Offline — %n change(s) not sent yet</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sync stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not acknowledge the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server keeps sending more changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer&apos;s offline cache could not be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate has changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your session has ended; sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::TransferQueue</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed; sign in again to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again to continue this upload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed while it was being sent; add it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on the server, but its record could not be saved here; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files cannot be kept on this computer: its keychain is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is no longer available to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again to continue this download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 arrived damaged; download it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be saved in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for the network</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::XeroImportDialog</name>
    <message>
        <source>Import invoices from Xero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export “Sales invoices” from Xero as CSV, then choose the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact in Xero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client in Kete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which client is each contact? You confirm this once; later imports remember it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xero export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than 50 MB; export a shorter period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 invoice(s) to add, %2 to update, %3 already here, %4 not imported; %5 row(s) refused and %6 left out — each is listed above with its line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; records a payment of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: %1 It goes to the server with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

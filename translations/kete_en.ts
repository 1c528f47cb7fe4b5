<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_NZ">
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
        <source>Welcome to %1. Your documents, requests from us, job progress, invoices and secure messages will appear here.</source>
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
        <source>Client jobs</source>
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
        <source>Requests from us</source>
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
</context>
<context>
    <name>kete::app</name>
    <message>
        <source>Server address to offer at sign-in.</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That address answers, but it is not a Kete server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kete::app::AppWindow</name>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s keychain could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — showing what this computer has saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) need your decision</source>
        <translation>
            <numerusform>%n change needs your decision</numerusform>
            <numerusform>%n changes need your decision</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kete::app::HomePage</name>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kia ora, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) kept on this computer for offline use.</source>
        <translation>
            <numerusform>%n item kept on this computer for offline use.</numerusform>
            <numerusform>%n items kept on this computer for offline use.</numerusform>
        </translation>
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
        <translation type="unfinished"></translation>
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
    <name>kete::app::SignInPage</name>
    <message>
        <source>Sign in to continue</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Need help? %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the e-mail address you sign in with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacting server…</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail address or password is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts. Wait a few minutes, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code from your authenticator app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That code is not right. Enter the current code from your authenticator app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Up to date, %n change(s) waiting</source>
        <translation>
            <numerusform>Up to date, %n change waiting</numerusform>
            <numerusform>Up to date, %n changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Offline — %n change(s) not sent yet</source>
        <translation>
            <numerusform>Offline — %n change not sent yet</numerusform>
            <numerusform>Offline — %n changes not sent yet</numerusform>
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
</TS>

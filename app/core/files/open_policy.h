#pragma once
// Which downloaded files the apps hand to the desktop to open, and under what name: a file is
// opened only as a document type the apps know, by a suffix they choose, never as a program or a
// script, whatever its record or its title says.
#include <QByteArray>
#include <QString>

namespace kete::app {

struct OpenDecision {
  enum class Kind {
    Open,    // a known document type: opened at once
    Ask,     // a type the apps cannot check (an old Word file, a zip): opened only if the person says so
    Refuse,  // a program, a script, or a file of no type the desktop could open safely
  };
  Kind kind = Kind::Refuse;
  QString fileName;  // the name the copy handed to the desktop carries; empty when refused
};

// `title`: the document's title (or a message attachment's file name); `mime`: the type the server
// sniffed from the stored bytes; `head`: the first bytes of the file itself, when already at hand
// (an empty head decides from the title and type alone, and is asked again once the file is here).
OpenDecision decideOpen(const QString& title, const QString& mime, const QByteArray& head = {});

// True when these first bytes are those of a program or script (Windows, Linux, macOS, a
// shortcut, a "#!" script), whatever the file is called: the server's own test of stored files.
bool looksLikeProgram(const QByteArray& head);

// Marks a copy handed to the desktop as one that came from elsewhere (on Windows, the Mark of the
// Web, so that Office opens it in Protected View); nothing elsewhere.
void markAsFromElsewhere(const QString& path);

}  // namespace kete::app

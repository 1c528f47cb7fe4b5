#pragma once
// Start-up shared by the three apps: names, icon, style from the profile, translations.
#include <QApplication>
#include <functional>
#include <memory>
#include <optional>

#include "app_profile.h"

namespace kete::app {

void prepareApplication(QApplication& app, const AppProfile& profile);
// Loads :/i18n/kete_<lang>.qm for the system's UI languages; false when none matched.
bool installTranslations(QCoreApplication& app, const QLocale& locale);
QString styleSheetFor(const AppProfile& profile);

class AppWindow;
using ProfileLoader = std::function<std::optional<AppProfile>(QString* error)>;
using WindowFactory = std::function<std::unique_ptr<AppWindow>(const AppProfile&)>;

// The whole of each app's main(): application, profile, style, window, event loop.
int runApp(int argc, char** argv, const ProfileLoader& loadProfile, const WindowFactory& createWindow);

}  // namespace kete::app

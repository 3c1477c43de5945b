// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Typing into the app's number fields (ui/editor/number_box.h) as a user does, and the
// checks every panel's "typed values" rows share.

#include "ui/editor/number_box.h"

#include <QLabel>
#include <QLineEdit>
#include <QTest>

namespace reglab::test {

/// Types `text` over the field's content and presses Enter.
inline void typeAndCommit(ui::NumberBox *box, const QString &text) {
    box->setFocus();
    box->findChild<QLineEdit *>()->selectAll();
    if (text.isEmpty())
        QTest::keyClick(box, Qt::Key_Backspace);
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

/// The columns of a "typed values" table: the field's object name, the text typed, whether
/// it is taken, the document's value afterwards, and a part of the refusal message.
inline void addTypedValueColumns() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("message");
}

/// After typing: a refusal says `message` (taken text says nothing) and `label`, when
/// given, shows exactly that while it lasts.
inline void verifyMessage(const ui::NumberBox *box, bool accepted, const QString &message,
                          const QLabel *label) {
    QVERIFY2(box->errorText().contains(message), qPrintable(box->errorText()));
    QCOMPARE(box->errorText().isEmpty(), accepted);
    if (!label)
        return;
    QCOMPARE(label->isVisible(), !accepted);
    QCOMPARE(label->text(), box->errorText());
}

} // namespace reglab::test

import { Navigate, Route, Routes } from 'react-router';
import { RedirectIfSignedIn, RequireAuth } from './auth/RequireAuth.jsx';
import { ConversationPage } from './pages/ConversationPage.jsx';
import { MessagesHome } from './pages/MessagesHome.jsx';
import { MessagesLayout } from './pages/MessagesLayout.jsx';
import { NewConversationPage } from './pages/NewConversationPage.jsx';
import { NotFoundPage } from './pages/NotFoundPage.jsx';
import { SignInPage } from './pages/SignInPage.jsx';
import { SignUpPage } from './pages/SignUpPage.jsx';
import { SignUpUnavailablePage } from './pages/SignUpUnavailablePage.jsx';
import { isCognito } from './lib/config.js';

export function App() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/messages" replace />} />
      <Route
        path="/signin"
        element={
          <RedirectIfSignedIn>
            <SignInPage />
          </RedirectIfSignedIn>
        }
      />
      <Route
        path="/signup"
        element={
          <RedirectIfSignedIn>
            {isCognito() ? <SignUpUnavailablePage /> : <SignUpPage />}
          </RedirectIfSignedIn>
        }
      />
      <Route
        path="/messages"
        element={
          <RequireAuth>
            <MessagesLayout />
          </RequireAuth>
        }
      >
        <Route index element={<MessagesHome />} />
        <Route path="new/:handle" element={<NewConversationPage />} />
        <Route path=":groupUuid" element={<ConversationPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

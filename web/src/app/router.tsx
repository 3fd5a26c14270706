import { Loader } from '@mantine/core';
import { createBrowserRouter, Navigate } from 'react-router';
import { CasePage } from '../case/CasePage.js';
import { QueuePage } from '../queue/QueuePage.js';
import { SignInPage } from '../sign-in/SignInPage.js';
import { Layout } from './Layout.js';

// The queue and the case view load at once; the chart and admin views (and the charting library) on first visit.
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <Layout />,
    hydrateFallbackElement: <Loader aria-label="Loading" m="md" />,
    children: [
      { index: true, element: <Navigate to="/queue" replace /> },
      { path: 'queue', element: <QueuePage /> },
      { path: 'cases/:id', element: <CasePage /> },
      { path: 'campaigns/:id', lazy: async () => ({ Component: (await import('../campaign/CampaignPage.js')).CampaignPage }) },
      { path: 'dashboard', lazy: async () => ({ Component: (await import('../dashboard/DashboardPage.js')).DashboardPage }) },
      { path: 'admin', lazy: async () => ({ Component: (await import('../admin/AdminRoute.js')).AdminRoute }) },
      { path: '*', element: <Navigate to="/queue" replace /> },
    ],
  },
]);

import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { messageOf } from '../api/client.js';

/** Runs an admin change, refreshes `queryKey`, and reports failure as a notification. Resolves to its result, or undefined when it failed. */
export function useAdminMutation(queryKey: readonly string[]): <T>(change: () => Promise<T>, success?: string) => Promise<T | undefined> {
  const queryClient = useQueryClient();
  return useCallback(
    async <T,>(change: () => Promise<T>, success?: string) => {
      try {
        const result = await change();
        if (success !== undefined) notifications.show({ message: success, color: 'teal' });
        return result;
      } catch (error) {
        notifications.show({ title: 'Not saved', message: messageOf(error), color: 'red' });
        return undefined;
      } finally {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
    [queryClient, queryKey],
  );
}
